// Package tooltest finds and starts the real components kedrogo's tests
// run against: the Argo Workflows CLI (argo lint --offline) and versitygw,
// an S3-compatible server started on 127.0.0.1. Both are built from the
// pinned tools modules under tools/ by .ci/tools.sh and cached outside the
// work tree, keyed by version.
//
// A test that needs a component that is not built skips with a message
// saying how to build it, except under CI=true, where the skip is a
// failure: CI must run every real-component test.
package tooltest

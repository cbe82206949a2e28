// Package scaffold writes new kedrogo projects and pipelines from
// templates: `kedrogo new` and `kedrogo pipeline create`.
//
// A new project builds and runs at once: its go.mod requires kedrogo (and,
// for a development build, replaces it with the local checkout, copying
// the checkout's requirements and go.sum so no download is needed), and it
// ships a small raw input so the first `kedrogo run` has data to process.
package scaffold

package storage

import (
	"context"
	"errors"
	"io/fs"
	"net"

	"github.com/aws/smithy-go"
	"gocloud.dev/gcerrors"
)

// Kind classifies a storage failure so the catalog can say what to fix.
type Kind int

const (
	Other         Kind = iota
	NotFound           // no object at the key
	NoBucket           // the bucket (container) does not exist
	Denied             // credentials missing, wrong or without access
	Unreachable        // the endpoint does not answer
	Folder             // the key is a prefix of other objects, not an object
	ReadOnlyStore      // a save to http(s)://
)

// Error is a storage failure in plain words. Msg never holds a secret:
// it is built from the kind and the store's error code, not from the
// request.
type Error struct {
	Kind Kind
	Msg  string
	Err  error // the store's error, for errors.As; not printed
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// Is makes a missing object match fs.ErrNotExist, as a missing file does.
func (e *Error) Is(target error) bool { return target == fs.ErrNotExist && e.Kind == NotFound }

// explain turns a store's error into an *Error.
func (f *FS) explain(err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	where := ""
	if ep := f.Endpoint(); ep != "" {
		where = " at " + ep
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "NoSuchBucket":
			return &Error{Kind: NoBucket, Err: err, Msg: "the bucket '" + f.loc.Bucket + "' does not exist" + where + "; create it, or fix the bucket in the filepath"}
		case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "AccessDenied", "Forbidden", "AuthorizationHeaderMalformed":
			return &Error{Kind: Denied, Err: err, Msg: "access denied" + where + " (" + api.ErrorCode() + "): check the credentials (key and secret, or client_kwargs' aws_access_key_id and aws_secret_access_key) and the bucket's permissions"}
		case "NoSuchKey", "NotFound":
			return &Error{Kind: NotFound, Err: err, Msg: "the object does not exist; run the nodes that produce it or fix its filepath"}
		}
	}
	var op *net.OpError
	var dns *net.DNSError
	if errors.As(err, &op) || errors.As(err, &dns) {
		what := "the storage endpoint"
		if ep := f.Endpoint(); ep != "" {
			what = ep
		}
		cause := err.Error()
		if op != nil && op.Err != nil {
			cause = op.Err.Error()
		}
		if dns != nil {
			cause = dns.Error()
		}
		return &Error{Kind: Unreachable, Err: err, Msg: "cannot reach " + what + " (" + cause + "); check endpoint_url and that the server is running"}
	}
	switch gcerrors.Code(err) {
	case gcerrors.NotFound:
		return &Error{Kind: NotFound, Err: err, Msg: "the object does not exist; run the nodes that produce it or fix its filepath"}
	case gcerrors.PermissionDenied:
		return &Error{Kind: Denied, Err: err, Msg: "access denied" + where + ": check the credentials and the bucket's permissions"}
	}
	return &Error{Kind: Other, Err: err, Msg: err.Error()}
}

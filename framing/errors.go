package framing

import (
	"errors"
	"fmt"
)

// Error codes: a small, fixed set that the HTTP layer maps to statuses in one
// place. Everything else is internal and never shown to a user in detail.
const (
	EInvalid      = "invalid"
	ENotFound     = "not_found"
	EConflict     = "conflict"
	ETooLarge     = "too_large"
	ETooMany      = "too_many" // too many attempts: wait, then try again
	EUnauthorized = "unauthorized"
	EForbidden    = "forbidden"
	EFull         = "full"      // the disk or the database is full: nothing was saved
	EReadOnly     = "read_only" // the database cannot be written just now: nothing was saved
	EBusy         = "busy"      // the server is doing as much heavy work as it may: try again shortly
	EInternal     = "internal"
)

// FieldError is a problem with one input field, worded for the person who
// typed it.
type FieldError struct {
	Field   string
	Message string
}

// Error is an application error: a code, a message safe to show, and the
// fields it concerns. Fields is ordered so that the first problem a person
// should fix comes first.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
}

func (e *Error) Error() string {
	if len(e.Fields) > 0 && e.Message == "" {
		return fmt.Sprintf("%s: %s: %s", e.Code, e.Fields[0].Field, e.Fields[0].Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Field is the first field the error concerns, or "".
func (e *Error) Field() string {
	if len(e.Fields) == 0 {
		return ""
	}
	return e.Fields[0].Field
}

// Errorf builds an application error with a message for the user.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldErrorf builds an application error about one field.
func FieldErrorf(code, field, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	return &Error{Code: code, Message: msg, Fields: []FieldError{{Field: field, Message: msg}}}
}

// ErrorCode is the code of the application error in err's chain, EInternal
// for any other error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage is the user-facing message of err: the application error's
// message, or a generic sentence for internal errors, whose details belong
// in the log only.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		if e.Message != "" {
			return e.Message
		}
		if len(e.Fields) > 0 {
			return e.Fields[0].Message
		}
	}
	return "Something went wrong on our side."
}

// Problems collects field errors during validation, in the order found.
type Problems struct {
	list []FieldError
	code string
}

// Add records a problem with field unless the field already has one: the
// first message is the most basic ("required" before "too long").
func (p *Problems) Add(field, format string, args ...any) {
	p.add(EInvalid, field, fmt.Sprintf(format, args...))
}

// AddTooLarge records a size problem; it makes the whole error ETooLarge.
func (p *Problems) AddTooLarge(field, format string, args ...any) {
	p.add(ETooLarge, field, fmt.Sprintf(format, args...))
}

func (p *Problems) add(code, field, msg string) {
	for _, fe := range p.list {
		if fe.Field == field {
			return
		}
	}
	if p.code == "" || code == ETooLarge {
		p.code = code
	}
	p.list = append(p.list, FieldError{Field: field, Message: msg})
}

// Err is nil when nothing was added, else one *Error holding every problem.
func (p *Problems) Err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &Error{Code: p.code, Message: p.list[0].Message, Fields: p.list}
}

// Package views renders Framelens's HTML with templ: one layout, one
// component per page, each fed by one view-model struct. Views format and
// lay out; they never query the store or decide what data means.
package views

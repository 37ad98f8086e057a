// Package spreadsheet writes the CSV files Framelens hands out the way
// spreadsheet programs open them safely and correctly, and reads back what
// it wrote. It owns the one formula guard every CSV of the app goes through
// and the UTF-8 byte-order mark every one starts with. It imports nothing of
// this module.
package spreadsheet

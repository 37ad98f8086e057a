// Package sqlcheck holds a store's SQL to constant text: every statement
// a string literal, a constant, or constants joined with +, so that
// values always travel as parameters and no input can become SQL.
package sqlcheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// ConstantSQL reads the Go files of dir (tests left out) and fails t for
// every call of a method named in methods (to the index of its SQL
// argument) whose SQL is not constant text. Helpers may take SQL as a
// parameter of type sqlText and pass it on as string(param). It fails
// too when fewer than minCalls calls are found: the check would no longer
// see the queries.
func ConstantSQL(t testing.TB, dir string, methods map[string]int, minCalls int) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var parsed []*ast.File
	consts := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
		ast.Inspect(f, func(n ast.Node) bool {
			if d, ok := n.(*ast.GenDecl); ok && d.Tok == token.CONST {
				for _, spec := range d.Specs {
					for _, id := range spec.(*ast.ValueSpec).Names {
						consts[id.Name] = true
					}
				}
			}
			return true
		})
	}
	var constant func(e ast.Expr) bool
	constant = func(e ast.Expr) bool {
		switch e := e.(type) {
		case *ast.BasicLit:
			return e.Kind == token.STRING
		case *ast.Ident:
			return consts[e.Name]
		case *ast.ParenExpr:
			return constant(e.X)
		case *ast.BinaryExpr:
			return e.Op == token.ADD && constant(e.X) && constant(e.Y)
		}
		return false
	}
	checked := 0
	for _, f := range parsed {
		sqlParams := map[string]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			if fn, ok := n.(*ast.FuncDecl); ok {
				clear(sqlParams)
				for _, field := range fn.Type.Params.List {
					if id, ok := field.Type.(*ast.Ident); ok && id.Name == "sqlText" {
						for _, name := range field.Names {
							sqlParams[name.Name] = true
						}
					}
				}
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "sqlText" {
				t.Errorf("%s: a string is converted to sqlText: SQL must be constant text", fset.Position(call.Pos()))
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			i, ok := methods[sel.Sel.Name]
			if !ok || len(call.Args) <= i {
				return true
			}
			// A prepared statement (a variable named …Stmt) runs the SQL
			// that the Prepare call, checked too, was given.
			if recv, ok := sel.X.(*ast.Ident); ok && strings.HasSuffix(recv.Name, "Stmt") && !strings.HasPrefix(sel.Sel.Name, "Prepare") {
				return true
			}
			checked++
			if conv, ok := call.Args[i].(*ast.CallExpr); ok && len(conv.Args) == 1 {
				fun, isIdent := conv.Fun.(*ast.Ident)
				arg, argIdent := conv.Args[0].(*ast.Ident)
				if isIdent && fun.Name == "string" && argIdent && sqlParams[arg.Name] {
					return true
				}
			}
			if !constant(call.Args[i]) {
				t.Errorf("%s: %s is given SQL that is not constant text", fset.Position(call.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
	if checked < minCalls {
		t.Fatalf("only %d SQL calls found in %s: the check no longer sees the queries", checked, dir)
	}
}

package store_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// sqlMethods take the SQL text as their first argument after the context
// (the ...Context forms) or as their first argument.
var sqlMethods = map[string]int{
	"QueryContext": 1, "QueryRowContext": 1, "ExecContext": 1, "PrepareContext": 1,
	"Query": 0, "QueryRow": 0, "Exec": 0, "Prepare": 0,
}

// Every SQL statement the store runs must be fixed text, known when the
// program is compiled: a string literal, a constant, or constants joined
// with +. Values always travel as parameters, so no input can become SQL.
// The test reads the store's source, so a query built with fmt.Sprintf,
// strings.Join or a variable fails it.
func TestSQLIsConstantTextWithParameters(t *testing.T) {
	files, err := filepath.Glob("*.go")
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
		// Helpers take SQL as a sqlText parameter, which they pass on as
		// string(param): allowed inside them.
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
			i, ok := sqlMethods[sel.Sel.Name]
			if !ok || len(call.Args) <= i {
				return true
			}
			// A prepared statement (a variable named …Stmt) runs the SQL
			// that PrepareContext, checked here too, was given.
			if recv, ok := sel.X.(*ast.Ident); ok && strings.HasSuffix(recv.Name, "Stmt") && sel.Sel.Name != "PrepareContext" {
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
	if checked < 20 {
		t.Fatalf("only %d SQL calls found: the test no longer sees the store's queries", checked)
	}
}

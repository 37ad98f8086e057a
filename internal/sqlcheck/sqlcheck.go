// Package sqlcheck holds a store's SQL to constant text: every statement
// a string literal, a constant, or constants joined with +, so that
// values always travel as parameters and no input can become SQL.
package sqlcheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// ConstantSQL reads the Go files of dir (tests left out) and fails t for
// every call of a method named in methods (to the index of its SQL
// argument) whose SQL is not constant text. A constant may be the
// store's own or one of another package of this module, such as the
// SQL both stores share in storeutil. Helpers may take SQL as a
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
		addConsts(f, "", consts)
	}
	imported := importedConsts(t, dir, parsed)
	var constant func(e ast.Expr) bool
	constant = func(e ast.Expr) bool {
		switch e := e.(type) {
		case *ast.BasicLit:
			return e.Kind == token.STRING
		case *ast.Ident:
			return consts[e.Name]
		case *ast.SelectorExpr:
			pkg, ok := e.X.(*ast.Ident)
			return ok && imported[pkg.Name+"."+e.Sel.Name]
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

// addConsts records the names of f's constants, each behind prefix.
func addConsts(f *ast.File, prefix string, consts map[string]bool) {
	for _, d := range f.Decls {
		if d, ok := d.(*ast.GenDecl); ok && d.Tok == token.CONST {
			for _, spec := range d.Specs {
				for _, id := range spec.(*ast.ValueSpec).Names {
					consts[prefix+id.Name] = true
				}
			}
		}
	}
}

// importedConsts are the exported constants, as "pkg.Name", of the
// packages of this module that the files import. Only a Go constant can
// be declared const, so such a name is constant text as much as a local
// one.
func importedConsts(t testing.TB, dir string, files []*ast.File) map[string]bool {
	t.Helper()
	root, module := moduleOf(t, dir)
	consts := map[string]bool{}
	seen := map[string]bool{}
	for _, f := range files {
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			if err != nil || !strings.HasPrefix(path, module+"/") {
				continue
			}
			name := filepath.Base(path)
			if imp.Name != nil {
				name = imp.Name.Name
			}
			if seen[name+" "+path] {
				continue
			}
			seen[name+" "+path] = true
			pkgFiles, err := filepath.Glob(filepath.Join(root, strings.TrimPrefix(path, module+"/"), "*.go"))
			if err != nil {
				t.Fatal(err)
			}
			for _, file := range pkgFiles {
				if strings.HasSuffix(file, "_test.go") {
					continue
				}
				pf, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
				if err != nil {
					t.Fatal(err)
				}
				exported := map[string]bool{}
				addConsts(pf, "", exported)
				for c := range exported {
					if ast.IsExported(c) {
						consts[name+"."+c] = true
					}
				}
			}
		}
	}
	return consts
}

// moduleOf finds the module dir is in: its root folder and its path.
func moduleOf(t testing.TB, dir string) (root, module string) {
	t.Helper()
	root, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	for {
		data, err := os.ReadFile(filepath.Join(root, "go.mod"))
		if err == nil {
			for line := range strings.Lines(string(data)) {
				if path, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
					return root, strings.Trim(strings.TrimSpace(path), `"`)
				}
			}
			t.Fatalf("%s/go.mod names no module", root)
		}
		parent := filepath.Dir(root)
		if parent == root {
			t.Fatalf("no go.mod above %s", dir)
		}
		root = parent
	}
}

package core

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoHeavyPackageInit keeps start-up cheap: the page is ready sooner and
// every Worker request (a fresh Go instance each) pays every package-level
// initialiser. Compiling patterns, parsing certificates or catalogues and
// importing the eagerly-parsed root store must wait until first use.
func TestNoHeavyPackageInit(t *testing.T) {
	heavy := []string{"regexp.MustCompile", "regexp.Compile", "x509.ParseCertificate", "json.Unmarshal", "pem.Decode", "template.Must"}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if strings.Trim(imp.Path.Value, `"`) == "golang.org/x/crypto/x509roots/fallback" {
				t.Errorf("%s imports x509roots/fallback, which parses every root at start-up; use fallback/bundle lazily", path)
			}
		}
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Name.Name == "init" && fn.Recv == nil {
				t.Errorf("%s has an init function", fset.Position(fn.Pos()))
			}
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				for _, v := range spec.(*ast.ValueSpec).Values {
					ast.Inspect(v, func(n ast.Node) bool {
						if _, ok := n.(*ast.FuncLit); ok {
							return false // runs later, on first use
						}
						call, ok := n.(*ast.CallExpr)
						if !ok {
							return true
						}
						if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
							if x, ok := sel.X.(*ast.Ident); ok {
								name := x.Name + "." + sel.Sel.Name
								for _, h := range heavy {
									if name == h {
										t.Errorf("%s: package-level %s runs at start-up; wrap it in sync.OnceValue", fset.Position(call.Pos()), name)
									}
								}
							}
						}
						return true
					})
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

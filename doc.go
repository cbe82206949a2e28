// Package kedrogo is a Kedro-style pipeline framework and project runner.
//
// A user describes work as nodes — plain Go functions — wired together by
// named datasets. A data catalog (conf/base/catalog.yml) says how each
// dataset is loaded and saved; parameters come from conf/*/parameters.yml
// and --params; conf/*/runner.yml says how many nodes may run at once and
// what each node needs (memory, cpu, a gpu, exclusive use of the machine,
// ordering without dummy datasets).
//
// A project's main package registers its pipelines and hands over to the
// command line:
//
//	func main() {
//		p := kedrogo.NewPipeline(
//			kedrogo.NewNode(clean, "raw", "clean", kedrogo.Name("clean")),
//			kedrogo.NewNode(train, []string{"clean", "params:model"}, "model", kedrogo.Name("train")),
//		)
//		kedrogo.Main(map[string]*kedrogo.Pipeline{"__default__": p})
//	}
//
// and `./project run --parallel` runs it, exactly as `kedro run` would,
// with the same filters (--nodes, --from-nodes, --to-nodes, --tags,
// --from-inputs, --to-outputs, --namespaces).
//
// Tests call Run, which runs a pipeline in process against in-memory inputs
// (or a project's conf/ folder) and returns its outputs.
//
// Everything a project imports lives in this package. It is a thin face over
// kedrogo's internal packages: the types here are aliases, so values move
// freely between the building API, the hooks and the runner.
package kedrogo

package catalog

import (
	"maps"
	"sort"
)

// Support says how a type name is served.
type Support int

const (
	// Builtin types are in this package: every binary has them.
	Builtin Support = iota
	// Linked types live in a package of their own (a heavy driver) that
	// registers them with Provide when a binary imports it.
	Linked
	// NoEquivalent types are Python-only: kedrogo has no Go dataset for
	// them; a project registers one with kedrogo.WithDatasetType.
	NoEquivalent
)

// KedroType is one row of the type table: a type name a catalog may
// write, what kedrogo does with it, the Go types a node may take from it
// or give it, and the package that provides it.
type KedroType struct {
	Name    string // as catalog.yml writes it, e.g. pandas.ParquetDataset
	Does    string // what kedrogo does
	GoTypes string // what a node may take (load) or return (save)
	Package string // import path of the package that provides it (Linked)
	Support Support
}

// Module is kedrogo's module path, for the import lines in messages.
const Module = "github.com/kedrogo/kedrogo"

const (
	parquetPackage = Module + "/datasets/parquet"
	sqlPackage     = Module + "/datasets/sql"
	excelPackage   = Module + "/datasets/excel"
)

// kedroTypes is THE type table: every type name kedrogo knows, Kedro's and
// its own, in the order the README lists them. A type a package provides
// (Provide) or a project registers (kedrogo.WithDatasetType) wins over a
// NoEquivalent row; a Builtin row must have a factory in builtinFactories
// (TestTypeTable checks both ways).
var kedroTypes = []KedroType{
	// kedro.io
	{"MemoryDataset", "keeps the value in memory (copy_mode: assign, the default; deepcopy; copy)", "any", "", Builtin},
	{"CachedDataset", "no equivalent (kedrogo keeps intermediate data in memory until its last reader finished)", "", "", NoEquivalent},
	{"LambdaDataset", "no equivalent (Python callables)", "", "", NoEquivalent},
	{"SharedMemoryDataset", "no equivalent (the parallel runner shares memory already)", "", "", NoEquivalent},

	// kedrogo's own names
	{"text.TextDataset", "a text file", "string, []byte", "", Builtin},
	{"json.JSONDataset", "a JSON document (encoding/json), decoded straight into the node's parameter type", "any JSON-decodable type", "", Builtin},
	{"yaml.YAMLDataset", "a YAML document (go.yaml.in/yaml/v3)", "any YAML-decodable type", "", Builtin},
	{"csv.CSVDataset", "a CSV file (encoding/csv); columns map to fields by header name or `csv:\"name\"` tag", "[]T, []*T, [][]string", "", Builtin},
	{"gob.GobDataset", "a Go value in encoding/gob", "any concrete Go type", "", Builtin},
	{"parquet.ParquetDataset", "an Apache Parquet file (parquet-go)", "[]T, []*T (T a struct)", parquetPackage, Linked},

	// kedro-datasets, by family
	{"pandas.CSVDataset", "as csv.CSVDataset, with pandas' load_args/save_args", "[]T, []*T, [][]string", "", Builtin},
	{"pandas.ParquetDataset", "as parquet.ParquetDataset", "[]T, []*T (T a struct)", parquetPackage, Linked},
	{"pandas.JSONDataset", "a pandas JSON document: orient records (saves), columns, index, split; lines: true for JSON Lines", "[]T, []*T, []map[string]any", "", Builtin},
	{"pandas.ExcelDataset", "an .xlsx sheet (excelize); sheet_name: null loads every sheet", "[]T, []*T, [][]string, map[string]X by sheet", excelPackage, Linked},
	{"pandas.FeatherDataset", "no equivalent (Apache Arrow IPC files; arrow-go would add 9.4 MB and about 70 s of cold compile to every project binary)", "", "", NoEquivalent},
	{"pandas.SQLTableDataset", "a table through database/sql (SQLite built in, PostgreSQL); credentials: {con: ...}", "[]T, []*T, []map[string]any", sqlPackage, Linked},
	{"pandas.SQLQueryDataset", "a query through database/sql (read-only)", "[]T, []*T, []map[string]any", sqlPackage, Linked},
	{"pandas.GenericDataset", "no equivalent (pick the type of the file_format)", "", "", NoEquivalent},
	{"pandas.HDFDataset", "no equivalent (HDF5)", "", "", NoEquivalent},
	{"pandas.XMLDataset", "no equivalent", "", "", NoEquivalent},
	{"pandas.DeltaTableDataset", "no equivalent (Delta Lake)", "", "", NoEquivalent},
	{"pandas.GBQTableDataset", "no equivalent (BigQuery)", "", "", NoEquivalent},
	{"pandas.GBQQueryDataset", "no equivalent (BigQuery)", "", "", NoEquivalent},
	{"partitions.PartitionedDataset", "a folder of files of one inner type; loads a map of lazy loaders", "kedrogo.Partitions; saves map[string]T", "", Builtin},
	{"partitions.IncrementalDataset", "a PartitionedDataset that loads only the partitions after its checkpoint; the checkpoint moves when a node with kedrogo.Confirms(name) succeeds", "kedrogo.Partitions; saves map[string]T", "", Builtin},
	{"pickle.PickleDataset", "a Go value stored with encoding/gob under the same path (backend: gob or none); a real Python pickle fails to load, saying so", "any concrete Go type", "", Builtin},
	{"pillow.ImageDataset", "an image file: PNG, JPEG, GIF by extension or save_args.format", "image.Image, []byte (encoded)", "", Builtin},
	{"matplotlib.MatplotlibDataset", "a figure the node rendered, as a file, or a map or slice of them as files in the folder filepath; a single file loads back", "saves image.Image, []byte, map[string]T, []T; loads image.Image, []byte", "", Builtin},
	{"matplotlib.MatplotlibWriter", "legacy name of matplotlib.MatplotlibDataset, write-only as in Kedro", "saves image.Image, []byte, map[string]T, []T", "", Builtin},
	{"plotly.JSONDataset", "a Plotly figure as JSON", "any JSON value, []byte", "", Builtin},
	{"plotly.PlotlyDataset", "a Plotly figure as JSON; saving rows draws one trace of plotly_args.type", "any JSON value, []byte, []T (rows)", "", Builtin},
	{"plotly.HTMLDataset", "no equivalent", "", "", NoEquivalent},
	{"tracking.JSONDataset", "a JSON document, write-only, versioned unless versioned: false", "saves any JSON value", "", Builtin},
	{"tracking.MetricsDataset", "metrics as JSON, write-only, versioned unless versioned: false", "saves a mapping of numbers", "", Builtin},
	{"polars.CSVDataset", "no equivalent (use csv.CSVDataset; polars' arguments differ from pandas')", "", "", NoEquivalent},
	{"polars.EagerPolarsDataset", "no equivalent", "", "", NoEquivalent},
	{"polars.LazyPolarsDataset", "no equivalent", "", "", NoEquivalent},
	{"api.APIDataset", "no equivalent", "", "", NoEquivalent},
	{"email.EmailMessageDataset", "no equivalent", "", "", NoEquivalent},
	{"networkx.JSONDataset", "no equivalent", "", "", NoEquivalent},
	{"networkx.GMLDataset", "no equivalent", "", "", NoEquivalent},
	{"networkx.GraphMLDataset", "no equivalent", "", "", NoEquivalent},
	{"spark.SparkDataset", "no equivalent (Spark)", "", "", NoEquivalent},
	{"spark.SparkHiveDataset", "no equivalent (Spark)", "", "", NoEquivalent},
	{"spark.SparkJDBCDataset", "no equivalent (Spark)", "", "", NoEquivalent},
	{"spark.SparkStreamingDataset", "no equivalent (Spark)", "", "", NoEquivalent},
	{"spark.DeltaTableDataset", "no equivalent (Spark)", "", "", NoEquivalent},
	{"geopandas.GeoJSONDataset", "no equivalent (GeoPandas)", "", "", NoEquivalent},
	{"geopandas.GenericDataset", "no equivalent (GeoPandas)", "", "", NoEquivalent},
	{"dask.ParquetDataset", "no equivalent (Dask)", "", "", NoEquivalent},
	{"dask.CSVDataset", "no equivalent (Dask)", "", "", NoEquivalent},
	{"databricks.ManagedTableDataset", "no equivalent (Databricks)", "", "", NoEquivalent},
	{"huggingface.HFDataset", "no equivalent (Hugging Face)", "", "", NoEquivalent},
	{"huggingface.HFTransformerPipelineDataset", "no equivalent (Hugging Face)", "", "", NoEquivalent},
	{"langchain.ChatOpenAIDataset", "no equivalent (LangChain)", "", "", NoEquivalent},
	{"langchain.OpenAIEmbeddingsDataset", "no equivalent (LangChain)", "", "", NoEquivalent},
	{"langchain.ChatAnthropicDataset", "no equivalent (LangChain)", "", "", NoEquivalent},
	{"langchain.ChatCohereDataset", "no equivalent (LangChain)", "", "", NoEquivalent},
	{"tensorflow.TensorFlowModelDataset", "no equivalent (TensorFlow)", "", "", NoEquivalent},
	{"holoviews.HoloviewsWriter", "no equivalent (HoloViews)", "", "", NoEquivalent},
	{"biosequence.BioSequenceDataset", "no equivalent (Biopython)", "", "", NoEquivalent},
	{"ibis.TableDataset", "no equivalent (Ibis)", "", "", NoEquivalent},
	{"redis.PickleDataset", "no equivalent (Python pickles in Redis)", "", "", NoEquivalent},
	{"snowflake.SnowparkTableDataset", "no equivalent (Snowpark)", "", "", NoEquivalent},
	{"svmlight.SVMLightDataset", "no equivalent", "", "", NoEquivalent},
	{"video.VideoDataset", "no equivalent", "", "", NoEquivalent},
}

// builtinFactories are the factories of the Builtin rows.
func builtinFactories() map[string]Factory {
	types := kedroFormats()
	maps.Copy(types, map[string]Factory{
		"MemoryDataset":                 newMemoryFromConfig,
		"text.TextDataset":              newTextDataset,
		"json.JSONDataset":              newJSONDataset,
		"yaml.YAMLDataset":              newYAMLDataset,
		"csv.CSVDataset":                newCSVDataset,
		"pandas.CSVDataset":             newCSVDataset,
		"gob.GobDataset":                newGobDataset,
		"partitions.PartitionedDataset": newPartitionedDataset,
		"partitions.IncrementalDataset": newIncrementalDataset,
	})
	return types
}

// pythonFamilies are kedro-datasets families (and Python packages) with no
// Go counterpart: a name in one of them that the table does not list is a
// Python class too, not a typo.
var pythonFamilies = map[string]bool{
	"spark": true, "geopandas": true, "langchain": true, "dask": true, "databricks": true,
	"huggingface": true, "tensorflow": true, "holoviews": true, "biosequence": true,
	"ibis": true, "redis": true, "snowflake": true, "svmlight": true, "video": true,
	"networkx": true, "polars": true, "api": true, "email": true, "plotly": true,
	"matplotlib": true, "pillow": true, "pickle": true, "tracking": true,
	"kedro_datasets_experimental": true, "netcdf": true, "prophet": true, "rioxarray": true,
	"safetensors": true, "pypdf": true, "openxml": true, "optuna": true, "torch": true,
}

// KedroTypes returns the type table (a copy), for catalog list-types and
// the README.
func KedroTypes() []KedroType { return append([]KedroType(nil), kedroTypes...) }

// kedroTypeIndex is kedroTypes by name.
var kedroTypeIndex = func() map[string]*KedroType {
	m := make(map[string]*KedroType, len(kedroTypes))
	for i := range kedroTypes {
		m[kedroTypes[i].Name] = &kedroTypes[i]
	}
	return m
}()

// TypeStatus is one type name as this binary serves it, for
// `catalog list-types`.
type TypeStatus struct {
	KedroType
	// Status is "built in", "linked", "not linked", "registered" (by the
	// project) or "no equivalent".
	Status string
}

// ListTypes returns every type of the table, then the types a package
// provided or the project registered (own) that the table lacks, sorted
// by name, each with how this binary serves it.
func ListTypes(own map[string]Factory) []TypeStatus {
	types := allTypes(own)
	out := make([]TypeStatus, 0, len(kedroTypes)+len(own))
	for _, t := range kedroTypes {
		s := TypeStatus{KedroType: t}
		switch {
		case own[t.Name] != nil:
			s.Status = "registered"
		case t.Support == Builtin:
			s.Status = "built in"
		case types[t.Name] != nil:
			s.Status = "linked"
		case t.Support == Linked:
			s.Status = "not linked"
		default:
			s.Status = "no equivalent"
		}
		out = append(out, s)
	}
	for name := range types {
		if kedroTypeIndex[name] != nil {
			continue
		}
		s := TypeStatus{KedroType: KedroType{Name: name, Support: Linked}, Status: "linked"}
		if own[name] != nil {
			s.Status = "registered"
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

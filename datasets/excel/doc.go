// Package excel is kedrogo's pandas.ExcelDataset: a table in an .xlsx
// workbook, read and written with github.com/xuri/excelize/v2 (pure Go).
//
// Register it with [Types] (or the datasets/all package):
//
//	shuttles:
//	  type: pandas.ExcelDataset
//	  filepath: data/01_raw/shuttles.xlsx
//	  load_args: {sheet_name: Shuttles, header: 0}   # a name, an index (default 0) or null (every sheet)
//	  save_args: {sheet_name: Shuttles}              # default Sheet1
//
// Rows load into []T or []*T with columns matched to fields exactly as
// csv.CSVDataset does (a `csv:"name"` tag or the field name), or into
// [][]string; with sheet_name: null, into a map[string]X by sheet name.
// Saving []T writes a header row and typed cells (numbers stay numbers);
// saving a map of them writes one sheet per key. Times are written as RFC
// 3339 text, so they load back into time.Time. A sheet the workbook lacks
// is an error that lists the sheets it has.
//
// load_args sheet_name, header (a row number or null), names, usecols,
// skiprows and nrows, and save_args sheet_name and header take effect;
// pandas' engine, index_col, dtype, na_values, parse_dates, converters,
// index, index_label, writer, float_format and na_rep are accepted and
// ignored. Any other key is an error with the nearest accepted one.
package excel

// Package pipeline is kedrogo's node and pipeline model: node functions
// checked by reflection, Kedro's naming and validation rules, the graph of
// data and ordering edges, Kedro's filters, and modular pipelines.
package pipeline

// Package pipelinefile reads pipelines declared in YAML: pipelines.yml at
// the project root, or every pipelines/*.yml. A pipeline lists command
// nodes (cmd: or shell:) and includes other pipelines, as they are or as
// modular pipelines with a namespace and remapping. Every problem is
// reported with its file and line.
package pipelinefile

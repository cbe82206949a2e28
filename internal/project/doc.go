// Package project finds a kedrogo project on disk, builds its binary with
// the Go toolchain, and runs it. The stand-alone kedrogo binary uses it to
// turn `kedrogo run ...` inside a project into `<project binary> run ...`.
//
// A project is a folder holding a go.mod and a conf/ folder. Its binary is
// built into .kedrogo/bin/<module base name>; Go's build cache makes a
// rebuild of unchanged sources cheap, so every command builds first.
package project

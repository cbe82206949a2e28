// Package project finds a kedrogo project on disk, builds its binary with
// the Go toolchain, and runs it. The stand-alone kedrogo binary uses it to
// turn `kedrogo run ...` inside a project into `<project binary> run ...`.
//
// A project is the nearest folder, from where kedrogo starts upwards, that
// holds a conf/ folder (Find; the same rule wherever a project is looked
// for). Its Go files, if any, are its main package, built within the
// nearest enclosing go.mod into .kedrogo/bin/<package base name>; Go's
// build cache makes a rebuild of unchanged sources cheap, so every command
// builds first. A project without Go files declares its pipelines in
// pipelines.yml and needs no build.
package project

// Package catalog turns catalog.yml into datasets: the Dataset interface,
// the built-in dataset types on real files, dataset factories, versioning,
// credentials and atomic saves.
package catalog

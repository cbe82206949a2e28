// Package resource parses and stores resource quantities exactly (integer
// milli-units, IEC and SI suffixes, percentages) and detects the machine's
// capacities (cores, cgroup v2 or physical memory).
package resource

// Package contenthash names the content of files for incremental runs:
// a BLAKE3 hash, computed while a save writes the bytes (Tee) or, for a
// file kedrogo did not write, by reading it once and remembering the
// answer by (path, size, mtime, ctime, inode) as git's index does, so an
// unchanged file is never read again.
//
// BLAKE3 comes from lukechampine.com/blake3: a cryptographic hash (no
// accidental collisions to fear across millions of files), with AVX-512
// and AVX2 code that runs well above 1 GB/s on one core, a single small
// dependency (klauspost/cpuid) and a stable v1 API; zeebo/blake3 is as
// fast but pulls in its own assembly generator's runtime helpers and has
// had no release since 2023.
package contenthash

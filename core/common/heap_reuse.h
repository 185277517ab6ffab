#pragma once
// Keeps the memory of freed large buffers inside the process for the next ones. By default glibc
// maps every buffer above 32 MB separately and unmaps it on free, so each new one starts with fresh
// pages that the kernel must zero at first touch. `score` on a 4096^2 image allocates ~480 MB of
// such buffers one after another (decoded image, normalised image, 150 MB feature matrix, then the
// figure's 16-58 MB buffers) while at most ~300 MB are alive; on this kind of virtual machine the
// zeroing and unmapping were 40 % of the run's CPU time. With large blocks served from the heap and
// the heap never trimmed, the figure reuses the feature matrix's pages: peak memory is unchanged
// (the heap only ever holds what was alive at once), and the process gives it back when it exits.
// Process-wide and for short-lived programs (the CLI), not for the GUI, which should return memory
// between images. Call once from main() before any worker thread starts.
namespace ds {

void reuseFreedHeapMemory();

// Gives the free pages inside the heap back to the system (malloc_trim); the next buffers fault in
// fresh pages again. For the points where a program moves on to a new, independent piece of work
// (the batch between images): freed blocks are then reused within one image (the figure takes the
// feature matrix's pages), but the holes that images of mixed sizes leave between them are not
// kept resident. Any thread; harmless when reuseFreedHeapMemory() was not called.
void returnFreedHeapMemory();

} // namespace ds

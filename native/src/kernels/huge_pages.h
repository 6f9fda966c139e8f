// Transparent huge pages for large data buffers.
#pragma once

#include <cstddef>

namespace svm {

// Asks the kernel to back the 2 MiB-aligned interior of [data, data + bytes) with transparent huge
// pages (Linux madvise MADV_HUGEPAGE; a no-op elsewhere). Pages already touched keep their size, so
// call it on fresh memory, before it is written. Returns the number of bytes advised (0 when the
// buffer holds no whole 2 MiB page, or the system refuses).
//
// Why: a mini-batch step reads ~200 random rows of a large X, each spanning several 4 KiB pages,
// and every page is a TLB miss (a two-level walk under a VM). numpy madvises its own arrays of
// 4 MiB and more the same way.
size_t advise_huge_pages(void* data, size_t bytes);

}  // namespace svm

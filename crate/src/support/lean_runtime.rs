//! The shipped module's runtime (feature `lean`, wasm32 only), in place of std's.
//!
//! A panic traps at once: the message is never formatted, so none of `core::fmt`'s panic
//! machinery is linked. The core never panics on any input (fuzzed and tested with std), so a
//! trap here is a bug; the loader catches it and keeps the server's fallback HTML.
//!
//! The allocator hands out power-of-two blocks, one free list per size. A render allocates
//! many short strings of a few sizes, so blocks are reused at once and nothing needs
//! coalescing; the cost is up to half of each block unused, which a page's few renders
//! never make large. wasm32-unknown-unknown has no threads, so there is no locking.
#![allow(unsafe_code)]

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::UnsafeCell;
use core::ptr::null_mut;

use crate::support::size_class::{class, CLASSES};

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    wasm32::unreachable()
}

const PAGE: usize = 65_536;

struct Heap {
    /// `free[c]` is the first free block of 2^c bytes; its first word links to the next.
    free: [*mut u8; CLASSES],
    /// The untouched rest of the memory this allocator grew, `next..end`.
    next: usize,
    end: usize,
}

struct Allocator(UnsafeCell<Heap>);

// SAFETY: wasm32-unknown-unknown without the atomics feature runs one thread.
unsafe impl Sync for Allocator {}

#[global_allocator]
static ALLOCATOR: Allocator = Allocator(UnsafeCell::new(Heap {
    free: [null_mut(); CLASSES],
    next: 0,
    end: 0,
}));

impl Heap {
    /// A block of 2^class bytes from the untouched memory, growing it by whole pages.
    fn carve(&mut self, class: usize) -> *mut u8 {
        let size = 1usize << class;
        if self.end - self.next < size {
            let pages = (size - (self.end - self.next)).div_ceil(PAGE);
            let previous = wasm32::memory_grow(0, pages);
            if previous == usize::MAX {
                return null_mut();
            }
            if previous * PAGE != self.end {
                // First use, or another party grew the memory: start at the new pages.
                self.next = previous * PAGE;
            }
            self.end = (previous + pages) * PAGE;
            if self.end - self.next < size {
                return self.carve(class);
            }
        }
        let block = self.next as *mut u8;
        self.next += size;
        block
    }
}

// SAFETY: blocks never overlap (each is carved once from memory no one else uses, and is on
// at most one free list), are `MIN_BLOCK`-aligned (`next` only moves by multiples of it from a
// page boundary), and a block returns to the list of the class it was carved for.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class(layout) else {
            return null_mut();
        };
        let heap = &mut *self.0.get();
        // `get`, not indexing (here and below): `class` is always in range, and the bounds
        // check's panic would link its message into the module.
        let Some(&head) = heap.free.get(class) else {
            return null_mut();
        };
        if head.is_null() {
            return heap.carve(class);
        }
        if let Some(slot) = heap.free.get_mut(class) {
            *slot = *(head as *mut *mut u8);
        }
        head
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let heap = &mut *self.0.get();
        if let Some(slot) = class(layout).and_then(|class| heap.free.get_mut(class)) {
            *(ptr as *mut *mut u8) = *slot;
            *slot = ptr;
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        if class(layout).is_some() && class(layout) == class(new_layout) {
            return ptr;
        }
        let new = self.alloc(new_layout);
        if !new.is_null() {
            core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}

//! The lean allocator's size classes (`lean_runtime`): power-of-two blocks, one free list per
//! size. Apart from the allocator so that the host tests check it.

use core::alloc::Layout;

/// Every block is at least this big and this aligned, so a free block can hold its list link
/// and any type of the core (at most 8-byte alignment on wasm32) fits.
pub(crate) const MIN_BLOCK: usize = 16;
/// Blocks up to 2^30 bytes: a larger request fails (wasm32 memory ends at 4 GiB).
pub(crate) const CLASSES: usize = 31;

/// The size class of a layout: its block is 2^class bytes. `None` when it cannot be served.
pub(crate) fn class(layout: Layout) -> Option<usize> {
    if layout.align() > MIN_BLOCK || layout.size() > 1 << (CLASSES - 1) {
        return None;
    }
    let size = layout.size().max(MIN_BLOCK).next_power_of_two();
    Some(size.trailing_zeros() as usize)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::{class, CLASSES, MIN_BLOCK};
    use core::alloc::Layout;

    const LARGEST: usize = 1 << (CLASSES - 1);

    fn of(size: usize, align: usize) -> Option<usize> {
        class(Layout::from_size_align(size, align).unwrap())
    }

    #[test]
    fn small_requests_take_the_smallest_block() {
        assert_eq!(MIN_BLOCK, 1 << 4);
        for size in 0..=MIN_BLOCK {
            assert_eq!(of(size, 1), Some(4), "{size}");
        }
    }

    #[test]
    fn each_power_of_two_is_the_last_size_of_its_class() {
        for c in 5..CLASSES {
            assert_eq!(
                of((1 << (c - 1)) + 1, 1),
                Some(c),
                "first size of class {c}"
            );
            assert_eq!(of(1 << c, 1), Some(c), "last size of class {c}");
        }
    }

    #[test]
    fn alignment_up_to_the_smallest_block_is_served_and_changes_nothing() {
        for align in [1, 2, 4, 8, 16] {
            for size in [0, 1, 16, 17, 100, 4096] {
                assert_eq!(of(size, align), of(size, 1), "{size} {align}");
            }
        }
        assert_eq!(of(16, 32), None);
        assert_eq!(of(4096, 4096), None);
    }

    #[test]
    fn requests_beyond_the_largest_block_fail() {
        assert_eq!(of(LARGEST, 1), Some(CLASSES - 1));
        assert_eq!(of(LARGEST + 1, 1), None);
        assert_eq!(of(isize::MAX as usize, 1), None);
    }

    #[test]
    fn every_class_fits_its_request_and_is_the_smallest_that_does() {
        let mut sizes: alloc::vec::Vec<usize> = (0..=1100).collect();
        for c in 0..CLASSES {
            let p = 1usize << c;
            sizes.extend([p - 1, p, p + 1]);
        }
        for size in sizes.into_iter().filter(|&s| s <= LARGEST) {
            for align in [1, 8, 16] {
                let c = of(size, align).unwrap();
                let block = 1usize << c;
                assert!(c < CLASSES, "{size}: class {c}");
                assert!(block >= size && block >= MIN_BLOCK, "{size}: block {block}");
                assert!(
                    block.is_multiple_of(align),
                    "{size}: block {block}, align {align}"
                );
                assert!(
                    block == MIN_BLOCK || block / 2 < size,
                    "{size}: block {block}"
                );
            }
        }
    }
}

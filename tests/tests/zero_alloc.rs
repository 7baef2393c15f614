//! Zero heap allocations for the hot accessors of unit variants, their
//! `Display`, and `from_code` of plain codes (counting global allocator).

use errors_catalog::Lang;
use errors_tests::BasicError;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; only counts calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_in(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

/// A writer that only counts bytes (no buffer to grow).
struct Sink(usize);

impl Write for Sink {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0 += s.len();
        Ok(())
    }
}

#[test]
fn hot_paths_do_not_allocate() {
    let mut sink = Sink(0);
    let mut total = 0usize;
    let n = allocations_in(|| {
        for e in BasicError::ALL {
            total += e.code().len();
            total += usize::from(e.http_status());
            total += e.retry() as usize;
            for lang in [Lang::En, Lang::Zh] {
                write!(sink, "{}", e.message(lang)).unwrap();
                total += e.static_message(lang).map_or(0, str::len);
            }
            write!(sink, "{e}").unwrap();
            total += usize::from(BasicError::from_code("CBC.0250").is_some());
            total += usize::from(BasicError::from_code("CBC.9999").is_some());
        }
    });
    assert_eq!(n, 0, "allocations on hot paths");

    // The same for a catalog without template codes (table-driven index,
    // `from_code` through `ALL`, `Debug` from the name table).
    let n = allocations_in(|| {
        for e in errors_tests::TencentError::ALL {
            total += e.code().len() + usize::from(e.http_status());
            write!(sink, "{} {e:?}", e.message(Lang::Zh)).unwrap();
            total += usize::from(errors_tests::TencentError::from_code(&e.code()).is_some());
        }
    });
    assert_eq!(n, 0, "allocations on hot paths of a fieldless catalog");
    assert!(total > 0 && sink.0 > 0);

    // The counter works: a template code's `code()` allocates.
    let t = BasicError::InvalidParameter { field: "x".into() };
    assert!(allocations_in(|| drop(t.code())) > 0);
}

//! A small deterministic generator (xorshift64*) for the tests that try many
//! inputs: the same values on every run, so a failure replays from its seed.
//! The generators for notices and text are beside it (any_notice.rs,
//! awkward.rs).

pub struct Random(pub u64);

impl Random {
    // Named as generators usually are; it is never an iterator (it never ends).
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self) -> bool {
        self.next() & 1 == 1
    }
}

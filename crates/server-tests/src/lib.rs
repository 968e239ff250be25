//! The server's integration tests live in `tests/it/` (one binary, one module per area).
//!
//! They are a package of their own so that the `server` profile can build them without
//! optimisation (see the workspace `Cargo.toml`): the code under test is the optimised
//! `zhongcao-server` library, and the tests' own code compiled in 17 s instead of 91 s.

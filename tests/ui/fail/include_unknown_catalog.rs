// No build.rs wrote a catalog here: the error says what to do.
errors_catalog::include_catalog!("organization");

fn main() {}

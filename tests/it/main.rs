//! All integration tests in one binary (as ripgrep does): faster to link, one place
//! to look. Each module covers one concept; `util` holds the fixtures.

mod backup;
mod bad_input;
mod concurrency;
mod demo;
mod entries;
mod faults;
mod ladder;
mod ladder_props;
mod ladder_public;
mod ladder_reimport;
mod ladder_shapes;
mod migrations;
mod people;
mod report;
mod roundtrip;
mod search;
mod suggest;
mod torture;
mod transfer;
mod util;

//! UI tests (`ui.rs`, `ui/`, `pass/`) and integration tests (`spec.rs`) of tensorspec.

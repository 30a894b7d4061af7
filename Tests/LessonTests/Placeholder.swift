// Scaffolding: tests of this stage are being written.

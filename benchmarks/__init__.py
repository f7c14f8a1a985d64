"""storybrowse benchmarks: a story generator, the floor app and the pty harness."""

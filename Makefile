# Convenience targets; the scripts are the source of truth.
.PHONY: demo test bench
demo:
	scripts/demo.sh
test:
	scripts/test.sh
bench:
	Benchmarks/compare/run.sh

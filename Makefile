# Developer entry points. Each target is a thin wrapper; the logic lives in
# scripts/ so it can be read and run without make. Plain `make` prints help.

SHELL := /usr/bin/env bash
.DEFAULT_GOAL := help

# Our Go sources, minus tool/data/dependency dirs and testdata.
GO_FILES_CMD := find . \( -path ./.git -o -path ./.tools -o -path ./.data -o -path ./bin \
	-o -name node_modules -o -name vendor -o -name testdata \) -prune -o -type f -name '*.go' -print0

.PHONY: help run test bench build tools fmt clean

help: ## Show this help
	@echo "salesflow developer targets:"
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{ printf "  make %-6s %s\n", $$1, $$2 }'

run: ## Start PostgreSQL + Temporal if needed, migrate, seed demo data, run all (Ctrl-C stops)
	bash scripts/run.sh

test: ## gofmt, go vet, workflowcheck, then all tests incl. integration (what CI runs)
	bash scripts/test.sh

bench: ## Benchmarks: decision vs bare Update, import vs COPY, duplicate check at 1M rows (SIZE=small: a few minutes)
	bash bench/run.sh $(SIZE)

build: ## Build bin/salesflow
	go build -o bin/salesflow ./cmd/salesflow

tools: ## Build the pinned temporal CLI and workflowcheck into .tools/
	bash scripts/tools.sh

fmt: ## gofmt -w all Go sources
	$(GO_FILES_CMD) | xargs -0 -r gofmt -w

clean: ## Remove bin/ (keeps .tools/ and .data/)
	rm -rf bin

# metrica-offline-gateway: `make run` starts the service, `make test` runs every test.
SHELL := /bin/bash
MVN ?= mvn -B -q
JAR := target/metrica-offline-gateway-0.1.0-SNAPSHOT.jar
SOURCES := $(shell find src/main -type f) pom.xml

.PHONY: help run build test bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(JAR): $(SOURCES)
	$(MVN) -DskipTests package

build: $(JAR) ## Build the thin jar and target/lib

JAVA_OPTS ?= -Xmx384m

run: $(JAR) ## Start the gateway on the embedded defaults (build first if needed)
	java $(JAVA_OPTS) -jar $(JAR)

test: ## Run every test (real HTTP, real PostgreSQL)
	mvn -B verify

bench: $(JAR) ## Run the ingest and delivery benchmarks (results in bench/results/, see docs/benchmarks.md)
	bench/run.sh
	bench/drain.sh

clean: ## Remove build output (keeps ./data)
	$(MVN) clean

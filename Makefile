# nhacviec — one command to run, one to test. Both install what is missing first.
#
#   make run     install deps, build, check the shipped config and list the upcoming deadlines
#   make test    install deps, build and run every test
#   make bench   benchmarks (see bench/README.md)

SHELL := /bin/bash
SWIFT ?= swift
CONFIG ?= Config/nhacviec.yaml
PREFIX ?= /usr/local
# Debian packages the build and the tests need (checked with dpkg, installed with apt-get when missing).
BUILD_DEPS := libcurl4-openssl-dev pkg-config libsqlite3-dev
TEST_DEPS := python3 python3-aiosmtpd openssl
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps test-deps build bench format lint clean

define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_DEPS))

test-deps: deps
	$(call apt_install,$(TEST_DEPS))

build: deps
	$(SWIFT) build --product nhacviec

run: build
	.build/debug/nhacviec check --config $(CONFIG)
	.build/debug/nhacviec upcoming --config $(CONFIG) --days 90

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel --num-workers 2

bench: deps
	bash bench/planning/run.sh
	bash bench/calendar/run.sh
	bash bench/delivery/run.sh

format:
	swift format --in-place --recursive Package.swift Sources Tests

lint:
	swift format lint --strict --recursive Package.swift Sources Tests

clean:
	rm -rf .build .build-*

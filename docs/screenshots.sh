#!/bin/sh
# Regenerates docs/screenshots/*.png (1280x720, headless Chromium, demo data) for the README.
set -e
cd "$(dirname "$0")/.."
mvn -B -q test -Dtest=ReadmeScreenshots -Dsurefire.failIfNoSpecifiedTests=false
ls -l docs/screenshots

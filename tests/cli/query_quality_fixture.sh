#!/bin/sh
# query_quality_fixture.sh - the search-quality checks of tests/queries.tsv
# on an index of the fixture segments, until and besides the real pipeline.
HRI_QUALITY_SOURCE=fixture
. "$HRI_TOP/tests/cli/query_quality.sh"

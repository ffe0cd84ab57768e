# >>> dotsecrets check >>>
if command -v secrets >/dev/null 2>&1; then secrets check --staged; else npx --no-install secrets check --staged; fi || exit $?
# <<< dotsecrets check <<<

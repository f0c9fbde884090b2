# Installs Debian's azure-cli (2.45 on Debian 12) when az is not on PATH. Needs root (or sudo) and the apt sources.
$ErrorActionPreference = 'Stop'
if (Get-Command az -ErrorAction Ignore) { return }
$sudo = if ((& id -u) -eq '0') { @() } else { @('sudo') }
$env:DEBIAN_FRONTEND = 'noninteractive'
foreach ($step in @(@('apt-get', 'update', '-q'), @('apt-get', 'install', '-y', '-q', '--no-install-recommends', 'azure-cli'))) {
    $command = $sudo + $step
    & $command[0] @($command | Select-Object -Skip 1) | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "'$($command -join ' ')' failed with exit code $LASTEXITCODE" }
}
if (-not (Get-Command az -ErrorAction Ignore)) { throw 'azure-cli was installed but az is not on PATH.' }

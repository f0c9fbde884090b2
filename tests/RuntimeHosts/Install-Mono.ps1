# Installs Debian's Mono when mono is not on PATH (CI machines start without it), as Install-AzureCli.ps1 does for az.
# mono-devel carries the netstandard.dll facade a netstandard2.0 module needs; ca-certificates-mono carries cert-sync.
$ErrorActionPreference = 'Stop'
if ((Get-Command mono -ErrorAction Ignore) -and (Get-Command cert-sync -ErrorAction Ignore)) { return }
if (-not (Get-Command apt-get -ErrorAction Ignore)) { throw 'mono is not installed and apt-get is not available to install it.' }
$sudo = if ((& id -u) -eq '0') { @() } else { @('sudo') }
$env:DEBIAN_FRONTEND = 'noninteractive'
$packages = 'mono-runtime', 'mono-devel', 'libmono-system-net-http4.0-cil', 'ca-certificates-mono'
foreach ($step in @(@('apt-get', 'update', '-q'), (@('apt-get', 'install', '-y', '-q', '--no-install-recommends') + $packages))) {
    $command = $sudo + $step
    & $command[0] @($command | Select-Object -Skip 1) | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "'$($command -join ' ')' failed with exit code $LASTEXITCODE" }
}
if (-not (Get-Command mono -ErrorAction Ignore)) { throw 'Mono was installed but mono is not on PATH.' }

#requires -Version 7
<#
.SYNOPSIS
    The full fault soak: the xunit "Soak" tests with 500+ mutating operations under ~20% injected ARM faults.
.DESCRIPTION
    The Test task runs the same test class in its short form (60 operations). This runs it at -Operations size with the
    emulator certificate trusted through SSL_CERT_FILE (test process only) and prints the per-kind fault report.
.EXAMPLE
    dotnet pwsh ./tests/Soak/Invoke-Soak.ps1 -Operations 600 -Seed 7
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 100000)] [int] $Operations = 520,
    [int] $Seed = 20240607,
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
. (Join-Path $root 'tests/BuildSupport.ps1')

$certDir = Join-Path $root 'out/test/cert'
$cert = New-EmulatorCertificate -Directory $certDir
$saved = @{ SSL_CERT_FILE = $env:SSL_CERT_FILE; ASTRO_EMULATOR_CERT = $env:ASTRO_EMULATOR_CERT; ASTRO_SOAK_OPERATIONS = $env:ASTRO_SOAK_OPERATIONS; ASTRO_SOAK_SEED = $env:ASTRO_SOAK_SEED }
try {
    $env:SSL_CERT_FILE = $cert.Pem
    $env:ASTRO_EMULATOR_CERT = $cert.Pfx
    $env:ASTRO_SOAK_OPERATIONS = "$Operations"
    $env:ASTRO_SOAK_SEED = "$Seed"
    & dotnet test (Join-Path $root 'tests/Astro.Network.Tests') -c $Configuration --nologo --filter 'Category=Soak' --logger 'console;verbosity=detailed'
    if ($LASTEXITCODE -ne 0) { throw "Soak failed (exit $LASTEXITCODE)." }
}
finally {
    foreach ($name in $saved.Keys) {
        if ($null -eq $saved[$name]) { Remove-Item "Env:$name" -ErrorAction SilentlyContinue } else { Set-Item "Env:$name" $saved[$name] }
    }
}

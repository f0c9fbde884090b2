# The zip build.ps1 -Task Package writes, checked against Azure Automation's import rules:
# module folder at the zip root named as the manifest, no version folder, paths under 140 characters, under 100 MB.
BeforeDiscovery {
    $zip = Join-Path (Split-Path (Split-Path $env:ASTRO_TEST_MODULE)) 'Astro.Network.zip'
    $skip = -not (Test-Path $zip)
}

BeforeAll {
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = Join-Path (Split-Path (Split-Path $env:ASTRO_TEST_MODULE)) 'Astro.Network.zip'
}

if ($skip) {
    # Pester 5 has no skip reason on Describe: one skipped test carries it.
    Describe 'Azure Automation package is present' {
        It 'is produced by build.ps1 -Task Package' {
            Set-ItResult -Skipped -Because "$zip does not exist: run 'dotnet pwsh ./build.ps1 -Task Package' (the Test task does)"
        }
    }
}

Describe 'Azure Automation package' -Skip:$skip {
    BeforeAll {
        $archive = [System.IO.Compression.ZipFile]::OpenRead($zip)
        $entries = @($archive.Entries | ForEach-Object { $_.FullName -replace '\\', '/' })
        $archive.Dispose()
        $version = (Import-PowerShellDataFile $env:ASTRO_TEST_MODULE).ModuleVersion
    }

    It 'has one root folder, Astro.Network, holding the manifest' {
        @($entries | ForEach-Object { ($_ -split '/')[0] } | Sort-Object -Unique) | Should -Be @('Astro.Network')
        $entries | Should -Contain 'Astro.Network/Astro.Network.psd1'
        $entries | Should -Contain 'Astro.Network/Astro.Network.dll'
    }

    It 'has no version folder' {
        $entries | Where-Object { $_ -like "Astro.Network/$version/*" } | Should -BeNullOrEmpty
        $entries | Where-Object { ($_ -split '/')[1] -match '^\d+(\.\d+){1,3}$' } | Should -BeNullOrEmpty
    }

    It 'carries the engine, its dependencies and the help' {
        $entries | Should -Contain 'Astro.Network/Dependencies/Astro.Network.Engine.dll'
        $entries | Should -Contain 'Astro.Network/Dependencies/Azure.Core.dll'
        $entries | Should -Contain 'Astro.Network/en-US/Astro.Network.dll-Help.xml'
        $entries | Should -Contain 'Astro.Network/Astro.Network.Format.ps1xml'
    }

    It 'keeps every path under 140 characters' {
        $entries | Where-Object { $_.Length -ge 140 } | Should -BeNullOrEmpty
    }

    It 'is smaller than 100 MB' {
        (Get-Item $zip).Length | Should -BeLessThan 100MB
    }

    It 'holds the module as built, file for file' {
        $built = Split-Path $env:ASTRO_TEST_MODULE
        $files = @(Get-ChildItem $built -Recurse -File | ForEach-Object { 'Astro.Network/' + [System.IO.Path]::GetRelativePath($built, $_.FullName).Replace('\', '/') })
        @($entries | Where-Object { -not $_.EndsWith('/') } | Sort-Object) | Should -Be @($files | Sort-Object)
    }
}

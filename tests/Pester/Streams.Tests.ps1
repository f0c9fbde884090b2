# Issue 6 item 5: with -Verbose every HTTP call of a command gives exactly one line with method, URL (no secrets),
# status, duration and request ID. The emulator's request log is the count of calls actually made.
BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $scenario = Get-EmulatorScenario
    $storage = Get-SeededResource 'Microsoft.Storage/storageAccounts'
    $sql = Get-SeededResource 'Microsoft.Sql/servers'
    $linePattern = '^HTTP (?<method>[A-Z]+) (?<url>https://\S+) -> (?<status>\d{3}) in (?<ms>\d+) ms \((?<kind>client request id|request id) (?<id>[^)]+)\)$'
    $secrets = @('astro-test-token') + @($scenario.azure.tenants.apps.secret | Where-Object { $_ })

    Reset-Emulator
    Disconnect-AstroAzure
    Connect-TestAstro | Out-Null
    Connect-TestAzure | Out-Null   # tokens are cached from here on: the command below makes service calls only
    $deploymentId = (Get-AstroDeployment -Name etl).Id
    Clear-EmulatorRequest
    $verbose = @(Add-AstroAllowlist -ResourceId $storage, $sql -DeploymentId $deploymentId -Force -WarningAction SilentlyContinue -Verbose 4>&1 |   # -Force: storage shares etl's region
        Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
    $calls = @(Get-EmulatorRequest | Where-Object service -NotIn 'entra', 'msi')
    $http = @($verbose | Where-Object { $_ -match '^HTTP ' })
    # Same text for both sides: method, unescaped path and query, status.
    function ConvertTo-CallKey([string] $Method, [string] $PathAndQuery, $Status) {
        '{0} {1} {2}' -f $Method, [uri]::UnescapeDataString($PathAndQuery), $Status
    }
}

AfterAll {
    Disconnect-AstroAzure
    Disconnect-Astro
}

Describe 'Verbose line per HTTP call' {
    It 'made Astro and ARM calls, reads and writes' {
        @($calls | Where-Object service -EQ 'astro').Count | Should -BeGreaterThan 0
        @($calls | Where-Object service -EQ 'arm').Count | Should -BeGreaterThan 0
        @($calls | Where-Object isWrite).Count | Should -BeGreaterThan 0
    }

    It 'writes one line for each call the emulator answered' {
        $http.Count | Should -Be $calls.Count
        $fromLog = $calls | ForEach-Object { ConvertTo-CallKey $_.method $_.url $_.status } | Sort-Object
        $fromVerbose = $http | ForEach-Object {
            $null = $_ -match $linePattern
            ConvertTo-CallKey $Matches.method ([uri]$Matches.url).PathAndQuery $Matches.status
        } | Sort-Object
        $fromVerbose | Should -Be $fromLog
    }

    It 'gives method, absolute URL, status and duration on every line' {
        foreach ($line in $http) { $line | Should -Match $linePattern }
    }

    It 'gives the request ID on every line' {
        foreach ($line in $http) {
            $null = $line -match $linePattern
            $Matches.id | Should -Not -BeNullOrEmpty -Because "a failing call is traced by its request ID: $line"
            # ARM answers with its own id (x-ms-request-id); the Astro API names none, so the id the client sent is logged.
            $kind = $Matches.kind
            if (([uri]$Matches.url).AbsolutePath.StartsWith('/subscriptions/')) { $kind | Should -Be 'request id' }
        }
    }

    It 'shows no secret in any verbose line' {
        $text = $verbose -join "`n"
        foreach ($s in $secrets) { $text | Should -Not -Match ([regex]::Escape($s)) }
        $text | Should -Not -Match 'eyJ[\w-]+\.[\w-]+\.'
        $text | Should -Not -Match '(?i)authorization|bearer '
    }
}

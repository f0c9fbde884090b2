BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $scenario = Get-EmulatorScenario
    $org = $scenario.astro.organizations | Where-Object id -EQ 'org-test'
    $expected = @{
        Deployments = @($org.deployments)
        Clusters    = @($org.clusters | Where-Object { $_.type -in 'DEDICATED', 'HYBRID' })
    }
    Reset-Emulator
}

Describe 'Connect-Astro' {
    AfterEach { Disconnect-Astro; Remove-Item Env:ASTRO_API_TOKEN, Env:ASTRO_ORGANIZATION_ID, Env:ASTRO_API_URL -ErrorAction SilentlyContinue }

    It 'signs in with a SecureString token and shows the context without the token' {
        $context = Connect-TestAstro
        $context.OrganizationId | Should -Be 'org-test'
        $shown = (Get-AstroContext | Format-List * | Out-String) + (Get-AstroContext | ConvertTo-Json)
        $shown | Should -Match 'org-test'
        $shown | Should -Not -Match 'astro-test-token'
    }

    It 'takes the token, organization and URL from the environment' {
        $env:ASTRO_API_TOKEN = 'astro-test-token'
        $env:ASTRO_ORGANIZATION_ID = 'org-test'
        $env:ASTRO_API_URL = "$(Get-EmulatorUrl)v1"
        (Connect-Astro).TokenSource | Should -Be 'Environment'
        @(Get-AstroDeployment).Count | Should -Be $expected.Deployments.Count
    }

    It 'rejects a token the API does not accept with an authentication error that says what to do' {
        $bad = ConvertTo-SecureString 'not-a-real-token' -AsPlainText -Force
        $err = { Connect-Astro -ApiToken $bad -OrganizationId 'org-test' -ApiUrl "$(Get-EmulatorUrl)v1" } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AstroAuthenticationFailed*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.ToString() | Should -Not -Match 'not-a-real-token'
        Get-AstroContext | Should -BeNullOrEmpty
    }

    It 'rejects an expired token' {
        $token = ($org.tokens | Where-Object expired).value | Select-Object -First 1
        $expired = ConvertTo-SecureString $token -AsPlainText -Force
        { Connect-Astro -ApiToken $expired -OrganizationId 'org-test' -ApiUrl "$(Get-EmulatorUrl)v1" } |
            Should -Throw -ErrorId 'AstroAuthenticationFailed*'
    }
}

Describe 'Get-AstroDeployment and Get-AstroCluster' {
    BeforeAll { Connect-TestAstro | Out-Null }

    It 'lists every deployment across API pages' {
        $all = @(Get-AstroDeployment)
        $all.Count | Should -Be $expected.Deployments.Count
        $all.Count | Should -BeGreaterThan 20
        ($all.Id | Sort-Object) | Should -Be ($expected.Deployments.id | Sort-Object)
    }

    It 'gets a deployment by name, wildcard and ID' {
        $etl = Get-AstroDeployment -Name etl
        $etl.Name | Should -Be 'etl'
        $etl.Type | Should -Be 'DEDICATED'
        (Get-AstroDeployment -DeploymentId $etl.Id).Name | Should -Be 'etl'
        @(Get-AstroDeployment -Name 'et*').Name | Should -Contain 'etl'
    }

    It 'writes ObjectNotFound for an unknown deployment ID and name' {
        Get-AstroDeployment -DeploymentId 'clnotarealdeployment000' -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'AstroDeploymentNotFound*'
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].TargetObject | Should -Be 'clnotarealdeployment000'
        Get-AstroDeployment -Name 'no-such-deployment' -ErrorVariable e2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'AstroDeploymentNotFound*'
    }

    It 'lists dedicated and hybrid clusters and gets one by ID' {
        $clusters = @(Get-AstroCluster)
        ($clusters.Id | Sort-Object) | Should -Be ($expected.Clusters.id | Sort-Object)
        $one = Get-AstroCluster -ClusterId $clusters[0].Id
        $one.Name | Should -Be $clusters[0].Name
    }

    It 'writes ObjectNotFound for an unknown cluster' {
        Get-AstroCluster -ClusterId 'clnotarealcluster000' -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'AstroClusterNotFound*'
    }
}

Describe 'Get-AstroExternalIp' {
    BeforeAll { Connect-TestAstro | Out-Null }

    It 'returns the IPs of a piped deployment, one object per IP, with its source' {
        $want = ($expected.Deployments | Where-Object name -EQ 'etl').externalIPs
        $ips = @(Get-AstroDeployment -Name etl | Get-AstroExternalIp)
        ($ips.IpAddress | Sort-Object) | Should -Be ($want | Sort-Object)
        $ips[0].SourceType | Should -Be 'Deployment'
        $ips[0].SourceName | Should -Be 'etl'
    }

    It 'returns every deployment''s IPs, disaster recovery included, through the whole pipeline' {
        $ips = @(Get-AstroDeployment | Get-AstroExternalIp)
        $ips.Count | Should -Be (@($expected.Deployments | ForEach-Object { $_.externalIPs; $_.drExternalIPs } | Where-Object { $_ }).Count)
    }

    It 'returns a Deployment''s disaster-recovery IPs as DeploymentDR unless -ExcludeDisasterRecovery' {
        $payments = $expected.Deployments | Where-Object name -EQ 'payments'
        $all = @(Get-AstroExternalIp -DeploymentId $payments.id)
        ($all | Where-Object SourceType -EQ 'DeploymentDR').IpAddress | Should -Be $payments.drExternalIPs
        ($all | Where-Object SourceType -EQ 'Deployment').IpAddress | Should -Be $payments.externalIPs
        $primary = @(Get-AstroDeployment -Name payments | Get-AstroExternalIp -ExcludeDisasterRecovery)
        $primary.IpAddress | Should -Be $payments.externalIPs
        @(Get-AstroExternalIp -DeploymentId $payments.id -ExcludeDisasterRecovery).SourceType | Should -Not -Contain 'DeploymentDR'
    }

    It 'reads a cluster''s IPs by ID and from a piped cluster' {
        $cluster = $expected.Clusters | Where-Object { $_.cloudProvider -eq 'AZURE' -and $_.type -eq 'DEDICATED' } | Select-Object -First 1
        $byId = @(Get-AstroExternalIp -ClusterId $cluster.id)
        ($byId.IpAddress | Sort-Object) | Should -Be ($cluster.metadata.externalIPs | Sort-Object)
        $byId[0].SourceType | Should -Be 'Cluster'
        @(Get-AstroCluster -ClusterId $cluster.id | Get-AstroExternalIp).Count | Should -Be $byId.Count
    }

    It 'rejects an object that is neither a deployment nor a cluster' {
        { [pscustomobject]@{ Name = 'x' } | Get-AstroExternalIp -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidInputObject*'
    }

    It 'writes ObjectNotFound for an unknown deployment ID' {
        Get-AstroExternalIp -DeploymentId 'clnotarealdeployment000' -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

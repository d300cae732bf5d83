using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Props = System.Collections.Generic.Dictionary<string, object>;

namespace Tfe.Cdk.Tests.Topologies;

/// <summary>The Standalone sample (defaults plus hostname, license and ACM certificate), one synth for the class.</summary>
public sealed class TfeStandaloneTests(StandaloneSampleFixture f) : IClassFixture<StandaloneSampleFixture>
{
    private const string Asg = "AWS::AutoScaling::AutoScalingGroup";
    private const string LaunchTemplate = "AWS::EC2::LaunchTemplate";
    private readonly SynthesizedTemplate t = f.Synth;

    [Fact]
    [Trait("Rule", "MODE-1")]
    public void Runs_Exactly_One_Node_MODE_1()
    {
        t.Template.HasResourceProperties(Asg, new Props { ["MinSize"] = "1", ["MaxSize"] = "1", ["DesiredCapacity"] = Match.Absent() });
        Assert.Contains("TFE_OPERATIONAL_MODE=external\n", t.UserData(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "COMP-1")]
    public void Node_Is_An_M5_Xlarge_With_A_50_GiB_Encrypted_Root_Volume_COMP_1()
    {
        t.Template.HasResourceProperties(LaunchTemplate, new Props
        {
            ["LaunchTemplateData"] = Match.ObjectLike(new Props
            {
                ["InstanceType"] = "m5.xlarge",
                ["BlockDeviceMappings"] = new object[]
                {
                    new Props
                    {
                        ["DeviceName"] = "/dev/xvda",
                        ["Ebs"] = new Props { ["VolumeSize"] = 50, ["VolumeType"] = "gp3", ["Encrypted"] = true, ["DeleteOnTermination"] = true },
                    },
                },
            }),
        });
    }

    [Fact]
    [Trait("Rule", "COMP-2")]
    public void Node_Is_Not_Burstable_COMP_2() =>
        Assert.DoesNotMatch("\"InstanceType\":\"t[0-9]", t.Text);

    [Fact]
    [Trait("Rule", "COMP-3")]
    public void Launch_Template_Not_Launch_Configuration_With_Ec2_Health_Checks_And_A_Creation_Signal_COMP_3()
    {
        t.Template.ResourceCountIs("AWS::AutoScaling::LaunchConfiguration", 0);
        t.Template.HasResource(Asg, new Props
        {
            ["Properties"] = Match.ObjectLike(new Props
            {
                // EC2, not ELB: readiness checks shared dependencies; the node watchdog replaces a broken node (OPS-3).
                ["HealthCheckType"] = "EC2",
                // The whole BootTimeout: a node that is still booting (or waiting in the boot gate) is never replaced as unhealthy.
                ["HealthCheckGracePeriod"] = 3600,
                ["LaunchTemplate"] = Match.ObjectLike(new Props { ["LaunchTemplateId"] = Match.AnyValue() }),
                ["VPCZoneIdentifier"] = Match.AnyValue(),
            }),
            ["CreationPolicy"] = new Props { ["ResourceSignal"] = new Props { ["Count"] = 1, ["Timeout"] = "PT1H" } },
        });
        // The node's own deadline is 5 minutes shorter than the signal timeout, so its failure signal arrives first.
        Assert.Contains("readonly BOOT_DEADLINE_SECONDS=3300\n", t.UserData(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "COMP-3")]
    public void Replacement_Never_Runs_Two_External_Nodes_At_Once_And_Waits_For_The_Signal_COMP_3()
    {
        t.Template.HasResource(Asg, new Props
        {
            ["UpdatePolicy"] = Match.ObjectLike(new Props
            {
                ["AutoScalingRollingUpdate"] = Match.ObjectLike(new Props
                {
                    ["MaxBatchSize"] = 1,
                    ["MinInstancesInService"] = 0,
                    ["WaitOnResourceSignals"] = true,
                    ["PauseTime"] = "PT1H",
                }),
            }),
        });
        // The boot gate holds a replacement until the old node has left the group, whatever the update policy does.
        var boot = t.NodeFile("tfe-boot.sh");
        Assert.True(boot.IndexOf("\nboot_gate\n", StringComparison.Ordinal) is > 0 and var gate
            && gate < boot.IndexOf("\nrun_tfe\n", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Rule", "COMP-4")]
    public void Launch_Template_Carries_The_Whole_Node_Configuration_COMP_4()
    {
        var userData = t.UserData();
        foreach (var setting in new[]
        {
            "TFE_HOSTNAME=tfe.example.com", "TFE_DATABASE_HOST=${GetAtt:TfeDataDatabase", "TFE_DATABASE_PARAMETERS=sslmode=require",
            "TFE_OBJECT_STORAGE_TYPE=s3", "TFE_OBJECT_STORAGE_S3_BUCKET=${Ref:TfeDataBucket", "TFE_OBJECT_STORAGE_S3_REGION=us-east-1",
            "TFE_OBJECT_STORAGE_S3_USE_INSTANCE_PROFILE=true", "TFE_OBJECT_STORAGE_S3_SERVER_SIDE_ENCRYPTION=aws:kms",
            "TFE_TLS_CERT_FILE=", "TFE_TLS_KEY_FILE=", "TFE_RUN_PIPELINE_DRIVER=docker", "TFE_DISK_CACHE_VOLUME_NAME=",
            "terraform-enterprise:2.0.1",
        })
        {
            Assert.Contains(setting, userData, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void No_Secret_Value_Is_In_The_User_Data_Or_Anywhere_In_The_Template()
    {
        var userData = t.UserData();
        Assert.DoesNotContain("{{resolve:", userData, StringComparison.Ordinal);
        // Each secret setting is a line of secrets.list (its name and ARN), never a NAME=value line; the license is a
        // file TFE reads (TFE_LICENSE_PATH), its secret named in node.conf only.
        foreach (var secret in new[] { "TFE_ENCRYPTION_PASSWORD", "TFE_DATABASE_PASSWORD" })
        {
            Assert.DoesNotContain(secret + "=", userData, StringComparison.Ordinal);
            Assert.Matches($"\n{secret} [^ \n]+( password)?\n", userData);
        }

        Assert.DoesNotContain("TFE_LICENSE=", userData, StringComparison.Ordinal);
        Assert.DoesNotMatch("\nTFE_LICENSE ", userData);
        Assert.Contains("\nTFE_LICENSE_PATH=/etc/tfe-secrets/license\n", userData, StringComparison.Ordinal);
        Assert.Matches("\nreadonly LICENSE_SECRET='[^'\n]+'\n", userData);

        // The only dynamic reference is RDS's own master password, resolved by CloudFormation for the database alone.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(t.Text, "resolve:secretsmanager"));
        t.Template.HasResourceProperties("AWS::RDS::DBInstance", new Props
        {
            ["MasterUserPassword"] = Match.ObjectLike(new Props { ["Fn::Join"] = Match.AnyValue() }),
        });
    }

    [Fact]
    public void Node_Requires_Imdsv2_With_Hop_Limit_2_And_Has_No_Ssh_Key()
    {
        t.Template.HasResourceProperties(LaunchTemplate, new Props
        {
            ["LaunchTemplateData"] = Match.ObjectLike(new Props
            {
                ["MetadataOptions"] = Match.ObjectLike(new Props { ["HttpTokens"] = "required", ["HttpPutResponseHopLimit"] = 2 }),
                ["KeyName"] = Match.Absent(),
            }),
        });
        Assert.DoesNotMatch("\"FromPort\":22[,}]", t.Text);
    }

    [Fact]
    [Trait("Rule", "NET-1")]
    public void Has_Every_Resource_The_Reference_Lists_NET_1()
    {
        foreach (var type in new[]
        {
            "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::SubnetRouteTableAssociation",
            "AWS::EC2::SecurityGroup", "AWS::ElasticLoadBalancingV2::LoadBalancer", Asg, LaunchTemplate,
            "AWS::ElasticLoadBalancingV2::TargetGroup", "AWS::CloudWatch::Alarm", "AWS::IAM::InstanceProfile", "AWS::IAM::Role",
            "AWS::IAM::Policy",
        })
        {
            Assert.NotEmpty(t.IdsOf(type));
        }
    }

    [Fact]
    [Trait("Rule", "NET-1")]
    public void Nodes_Are_In_Private_Subnets_And_Admit_Https_Only_From_The_Load_Balancer_NET_1()
    {
        var nodeSg = t.IdsOf("AWS::EC2::SecurityGroup").Single(id => id.Contains("NodeSecurityGroup", StringComparison.Ordinal));
        var ingress = t.AllResources[nodeSg]!["Properties"]!["SecurityGroupIngress"]?.AsArray() ?? [];
        Assert.Empty(ingress);
        t.Template.HasResourceProperties("AWS::EC2::SecurityGroupIngress", new Props
        {
            ["GroupId"] = new Props { ["Fn::GetAtt"] = new object[] { nodeSg, "GroupId" } },
            ["FromPort"] = 443,
            ["SourceSecurityGroupId"] = Match.ObjectLike(new Props { ["Fn::GetAtt"] = Match.ArrayWith([Match.StringLikeRegexp("LoadBalancerSecurityGroup")]) }),
        });
        var zones = t.AllResources[t.IdsOf(Asg).Single()]!["Properties"]!["VPCZoneIdentifier"]!.ToJsonString();
        Assert.Contains("PrivateSubnet", zones, StringComparison.Ordinal);
        Assert.DoesNotContain("PublicSubnet", zones, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "NET-2")]
    public void Url_Output_Names_The_Hostname_And_The_Load_Balancer_It_Must_Resolve_To_NET_2()
    {
        t.Template.HasOutput("*", new Props { ["Value"] = "https://tfe.example.com" });
        t.Template.HasOutput("*", new Props
        {
            ["Value"] = new Props { ["Fn::GetAtt"] = new object[] { t.IdsOf("AWS::ElasticLoadBalancingV2::LoadBalancer").Single(), "DNSName" } },
        });
    }

    [Fact]
    [Trait("Rule", "TLS-1")]
    [Trait("Rule", "TLS-2")]
    public void Load_Balancer_Terminates_Tls_With_The_Acm_Certificate_And_A_Modern_Policy_TLS_1_TLS_2()
    {
        t.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", new Props
        {
            ["Port"] = 443,
            ["Protocol"] = "HTTPS",
            ["SslPolicy"] = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
            ["Certificates"] = new object[]
            {
                new Props { ["CertificateArn"] = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000" },
            },
        });
        t.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", new Props
        {
            ["Port"] = 80,
            ["DefaultActions"] = new object[]
            {
                Match.ObjectLike(new Props { ["Type"] = "redirect", ["RedirectConfig"] = Match.ObjectLike(new Props { ["Protocol"] = "HTTPS", ["Port"] = "443" }) }),
            },
        });
    }

    [Fact]
    [Trait("Rule", "TLS-2")]
    public void Load_Balancer_Still_Talks_Tls_To_The_Node_TLS_2()
    {
        t.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", new Props
        {
            ["Port"] = 443,
            ["Protocol"] = "HTTPS",
            ["HealthCheckProtocol"] = "HTTPS",
            ["HealthCheckPath"] = "/api/v1/health/readiness",
        });
        Assert.Contains("TFE_HTTPS_PORT=8443", t.UserData(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "TLS-4")]
    public void Node_Certificate_Is_Self_Signed_Only_Behind_The_Alb_That_Presents_The_Public_One_TLS_4() =>
        Assert.Contains("readonly TLS_SECRET=''\n", t.UserData(), StringComparison.Ordinal);

    [Fact]
    [Trait("Rule", "OPS-1")]
    public void Load_Balancer_Routes_All_Traffic_To_The_Node_Group_OPS_1()
    {
        t.Template.HasResourceProperties(Asg, new Props
        {
            ["TargetGroupARNs"] = new object[] { new Props { ["Ref"] = t.IdsOf("AWS::ElasticLoadBalancingV2::TargetGroup").Single() } },
        });
        t.Template.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", new Props
        {
            ["TargetGroupAttributes"] = Match.Not(Match.ArrayWith([Match.ObjectLike(new Props { ["Key"] = "stickiness.enabled", ["Value"] = "true" })])),
        });
    }

    [Fact]
    [Trait("Rule", "OPS-2")]
    public void Alarms_Watch_The_Node_The_Load_Balancer_And_The_Database_And_Logs_Go_To_CloudWatch_OPS_2()
    {
        var alarms = t.IdsOf("AWS::CloudWatch::Alarm");
        foreach (var watched in new[] { "NodesInService", "UnhealthyNodes", "NodeCpu", "LoadBalancer5xx", "TfeData" })
        {
            Assert.Contains(alarms, id => id.Contains(watched, StringComparison.Ordinal));
        }

        Assert.Contains("--log-driver awslogs", t.NodeFile("tfe-docker.sh"), StringComparison.Ordinal);
        t.Template.HasResourceProperties("AWS::Logs::LogGroup", new Props { ["RetentionInDays"] = 365 });
    }

    [Fact]
    public void Node_Role_Reaches_Only_Its_Secrets_Bucket_Key_And_Logs()
    {
        var policyNode = t.AllResources[t.IdsOf("AWS::IAM::Policy").Single(id => id.Contains("NodeRole", StringComparison.Ordinal))]!;
        var policy = policyNode.ToJsonString();
        // The only statements on Resource "*" are the boot gate's two read-only describe actions and the Session Manager
        // agent's channel (DefenseInDepthTests asserts its exact actions).
        var anyResource = policyNode["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()
            .Where(st => st!["Resource"] is JsonValue v && (string?)v == "*").ToList();
        Assert.Equal(2, anyResource.Count);
        var gate = anyResource.Single(st => st!["Sid"] is null)!;
        Assert.Equal(["autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeInstanceRefreshes", "ec2:DescribeInstances"], gate["Action"]!.AsArray().Select(a => (string)a!));
        Assert.Equal("SessionManagerAgent", (string?)anyResource.Single(st => st!["Sid"] is not null)!["Sid"]);
        foreach (var action in new[] { "secretsmanager:GetSecretValue", "s3:PutObject", "kms:Decrypt", "logs:PutLogEvents" })
        {
            Assert.Contains(action, policy, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Rule", "S3-2")]
    public void Vpc_Has_An_S3_Gateway_Endpoint_S3_2() =>
        t.Template.HasResourceProperties("AWS::EC2::VPCEndpoint", new Props { ["VpcEndpointType"] = "Gateway" });

    [Fact]
    [Trait("Rule", "DB-4")]
    public void Database_Bucket_And_Nodes_Share_The_Stack_Region_DB_4()
    {
        Assert.Equal("us-east-1", t.Stack.Region);
        Assert.Contains("TFE_OBJECT_STORAGE_S3_REGION=us-east-1", t.UserData(), StringComparison.Ordinal);
        t.Template.HasResourceProperties("AWS::RDS::DBInstance", new Props { ["MultiAZ"] = true });
    }

    [Fact]
    public void Boot_Gate_Read_Permission_Is_Suppressed_For_Cdk_Nag_With_Its_Reason()
    {
        var policyId = t.IdsOf("AWS::IAM::Policy").Single(id => id.Contains("NodeRole", StringComparison.Ordinal));
        var iam5 = t.AllResources[policyId]!["Metadata"]!["cdk_nag"]!["rules_to_suppress"]!.AsArray()
            .Single(r => (string?)r!["id"] == "AwsSolutions-IAM5")!;
        Assert.Contains("Resource::*", iam5["applies_to"]!.AsArray().Select(a => (string?)a));
        Assert.Contains("autoscaling:DescribeAutoScalingGroups", (string?)iam5["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Containers_Get_Their_Own_Docker_Network_With_Metadata_Blocked() =>
        Assert.Contains("TFE_RUN_PIPELINE_DOCKER_NETWORK=tfe-runs\n", t.UserData(), StringComparison.Ordinal);

    [Fact]
    public void Day_One_Output_Reads_The_Token_On_A_Node_And_Sends_It_In_No_Url_Through_The_Load_Balancer()
    {
        t.Template.HasOutput("*", new Props
        {
            ["Value"] = "sudo docker exec terraform-enterprise tfectl admin token",
            ["Description"] = Match.StringLikeRegexp("TFE_IACT_TIME_LIMIT.*sudo /usr/local/lib/tfe/tfe-initial-admin.sh USERNAME EMAIL < password-file"),
        });

        // The initial admin creation token is never put in a URL that goes through the load balancer (its access logs):
        // the only URLs with a token are the node script's, which posts to TFE on the node itself.
        Assert.DoesNotContain("/admin/account/new", t.Text, StringComparison.Ordinal);
        var script = Tfe.Cdk.Constructs.TfeNodeFiles.All.Single(f => f.Name == "tfe-initial-admin.sh").Content;
        Assert.Equal(System.Text.RegularExpressions.Regex.Count(script, @"\?token="), System.Text.RegularExpressions.Regex.Count(t.Text, @"\?token="));
    }

    [Fact]
    public void Session_And_Snapshot_Commands_Run_As_Printed_With_Their_Region_And_The_Database_Identifier()
    {
        var outputs = t.Json["Outputs"]!.AsObject();
        string Command(string prefix) => SynthesizedTemplate.Render(outputs.Single(o => o.Key.StartsWith(prefix, StringComparison.Ordinal)).Value!["Value"]);

        var session = Command("TfeNodeSessionCommand");
        Assert.StartsWith("aws ssm start-session --region us-east-1 --target $(aws autoscaling describe-auto-scaling-groups --region us-east-1 ", session, StringComparison.Ordinal);
        Assert.Contains($"--auto-scaling-group-names ${{Ref:{t.IdsOf(Asg).Single()}}} ", session, StringComparison.Ordinal);

        var snapshot = Command("TfeDatabaseSnapshotCommand");
        Assert.Equal($"aws rds create-db-snapshot --region us-east-1 --db-instance-identifier ${{Ref:{t.IdsOf("AWS::RDS::DBInstance").Single()}}} "
            + "--db-snapshot-identifier tfe-$(date -u +%Y%m%d-%H%M)", snapshot);
    }

    [Fact]
    public void Standalone_Node_Admits_No_Peer_Health_Probes()
    {
        var nodeSg = t.IdsOf("AWS::EC2::SecurityGroup").Single(id => id.Contains("NodeSecurityGroup", StringComparison.Ordinal));
        Assert.DoesNotContain(t.IdsOf("AWS::EC2::SecurityGroupIngress").Select(id => t.AllResources[id]!["Properties"]!),
            rule => rule!["SourceSecurityGroupId"]?.ToJsonString().Contains(nodeSg, StringComparison.Ordinal) == true
                && rule["GroupId"]!.ToJsonString().Contains(nodeSg, StringComparison.Ordinal));
    }

    [Fact]
    public void Sample_Template_Matches_Its_Reviewed_Snapshot() => SnapshotAssert.Matches("StandaloneApp", t.Json);

    [Fact]
    public void Node_Image_Is_The_One_Cached_In_Context_And_Not_Resolved_At_Deploy_Time()
    {
        t.Template.HasResourceProperties("AWS::EC2::LaunchTemplate", new Props
        {
            ["LaunchTemplateData"] = Match.ObjectLike(new Props { ["ImageId"] = TestApp.ImageId }),
        });
        var parameters = t.Json["Parameters"]?.AsObject().Select(p => p.Value?["Type"]?.GetValue<string>()) ?? [];
        Assert.DoesNotContain(parameters, type => type is not null && type.Contains("AWS::EC2::Image::Id", StringComparison.Ordinal));
        Assert.DoesNotContain(TestApp.ImageParameter, t.Json.ToJsonString(), StringComparison.Ordinal);
    }
}

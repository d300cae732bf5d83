using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Tfe.Cdk.Constructs;

namespace Tfe.Cdk.Tests.Data.DatabaseUser;

/// <summary>
/// Proves the embedded database-user handler (its own wire-protocol client: SSLRequest and a verified TLS server
/// certificate, SCRAM-SHA-256, simple queries, error responses) against a real, throwaway PostgreSQL cluster set up the
/// way RDS is: TLS only, SCRAM passwords, a master user that is not a superuser (CREATEROLE, CREATEDB) and owns TFE's
/// database, and an <c>rds_iam</c> role. The handler runs under node exactly as the library embeds it, through its
/// CloudFormation entry point (a local endpoint takes the response), twice. No jsii: it runs beside the CDK tests, in
/// one of the bootstrap harness's collections.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class DatabaseUserHandlerTests
{
    private const string Master = "tfe";
    private const string MasterPassword = "master-Pa55word-for-the-test";
    private const string IamUser = "tfe_iam";
    private const string Database = "tfe";

    [PostgresFact]
    public async Task Creates_the_iam_user_idempotently_hands_it_the_database_and_keeps_it_on_delete()
    {
        using var cluster = await ThrowawayCluster.StartAsync();
        // What RDS gives: the master user (not a superuser) owning TFE's database, an rds_iam role, and objects the master
        // user already owns there (a deployment that ran with password authentication before the switch).
        cluster.Superuser("postgres", $"""
            CREATE ROLE rds_iam;
            CREATE ROLE "{Master}" LOGIN CREATEROLE CREATEDB PASSWORD '{MasterPassword}';
            CREATE DATABASE "{Database}" OWNER "{Master}";
            """);
        cluster.Superuser(Database, $"""
            SET ROLE "{Master}";
            CREATE SCHEMA legacy;
            CREATE TYPE legacy.kind AS ENUM ('a');
            CREATE TABLE legacy.runs (id serial PRIMARY KEY, k legacy.kind);
            """);

        var responses = await cluster.RunHandlerAsync(["Create", "Update", "Delete", "Update:wrong-password"], MasterPassword);

        Assert.Equal(["SUCCESS", "SUCCESS", "SUCCESS", "FAILED"], responses.Select(r => r.GetProperty("Status").GetString()));
        Assert.Equal(IamUser, responses[0].GetProperty("Data").GetProperty("DatabaseOwner").GetString());
        Assert.Contains("password authentication failed", responses[3].GetProperty("Reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("t|t|f|tfe_iam|tfe_iam|tfe_iam|tfe_iam|t", cluster.Superuser(Database, $"""
            SELECT r.rolcanlogin, pg_has_role('{IamUser}', 'rds_iam', 'MEMBER'), r.rolsuper,
                   pg_get_userbyid(d.datdba),
                   (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'legacy'),
                   (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'legacy.runs'::regclass),
                   (SELECT pg_get_userbyid(typowner) FROM pg_type WHERE oid = 'legacy.kind'::regtype),
                   pg_has_role('{Master}', '{IamUser}', 'USAGE')
            FROM pg_roles r, pg_database d WHERE r.rolname = '{IamUser}' AND d.datname = '{Database}';
            """, tuplesOnly: true).Trim());

        // What TFE does at first start and on upgrades, as the IAM user: create its schemas, tables and (trusted)
        // extensions, and alter what it owns.
        cluster.Superuser(Database, $"""
            SET ROLE "{IamUser}";
            CREATE SCHEMA rails;
            CREATE TABLE rails.workspaces (id bigserial PRIMARY KEY, name text);
            CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA rails;
            ALTER TYPE legacy.kind ADD VALUE 'b';
            ALTER TABLE legacy.runs ADD COLUMN started timestamptz;
            """);
    }

    /// <summary>A PostgreSQL cluster in a temporary directory, on a free port, TLS on with a self-signed certificate for localhost.</summary>
    private sealed class ThrowawayCluster : IDisposable
    {
        private readonly string _dir;
        private readonly int _port;
        private readonly string _bin;
        private readonly bool _asPostgres;

        private ThrowawayCluster(string dir, int port, string bin, bool asPostgres) => (_dir, _port, _bin, _asPostgres) = (dir, port, bin, asPostgres);

        private string Data => Path.Combine(_dir, "data");

        private string CertFile => Path.Combine(_dir, "server.crt");

        public static async Task<ThrowawayCluster> StartAsync()
        {
            var bin = PostgresRequirement.BinDirectory ?? throw new InvalidOperationException(
                $"PostgreSQL's server binaries are required here: {PostgresRequirement.InstallCommand}");
            var dir = Directory.CreateTempSubdirectory("tfe-pg-").FullName;
            // initdb refuses to run as root: run the server as the postgres user the package creates.
            var asPostgres = Environment.UserName == "root";
            var cluster = new ThrowawayCluster(dir, FreePort(), bin, asPostgres);
            try
            {
                await cluster.InitAsync();
                return cluster;
            }
            catch
            {
                cluster.Dispose();
                throw;
            }
        }

        private async Task InitAsync()
        {
            WriteCertificate();
            if (_asPostgres)
            {
                Run("chown", ["-R", "postgres:postgres", _dir]);
            }

            Run(Path.Combine(_bin, "initdb"), ["-D", Data, "-U", "postgres", "--auth-local=trust", "--auth-host=reject", "-E", "UTF8", "--no-sync"], asPostgres: true);
            await File.AppendAllTextAsync(Path.Combine(Data, "postgresql.conf"), $"""

                port = {_port}
                listen_addresses = 'localhost'
                unix_socket_directories = '{_dir}'
                ssl = on
                ssl_cert_file = '{CertFile}'
                ssl_key_file = '{Path.Combine(_dir, "server.key")}'
                password_encryption = 'scram-sha-256'
                fsync = off
                """);
            // TLS only, SCRAM only (what rds.force_ssl = 1 and a SCRAM password give).
            await File.WriteAllTextAsync(Path.Combine(Data, "pg_hba.conf"), """
                local all all trust
                hostssl all all 127.0.0.1/32 scram-sha-256
                hostssl all all ::1/128 scram-sha-256
                """);
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "30", "start"], asPostgres: true);
        }

        /// <summary>Runs SQL as the superuser over the local socket; returns psql's output (ON_ERROR_STOP: a failing statement fails the test).</summary>
        public string Superuser(string database, string sql, bool tuplesOnly = false)
        {
            // A file, not -c: -c runs every statement in one transaction, where CREATE DATABASE is refused.
            var file = Path.Combine(_dir, $"statements-{Guid.NewGuid():N}.sql");
            File.WriteAllText(file, sql);
            return Run(Path.Combine(_bin, "psql"), ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", _dir, "-p", _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-U", "postgres", "-d", database, .. (tuplesOnly ? new[] { "-A", "-t" } : []), "-f", file], asPostgres: true);
        }

        /// <summary>Invokes the handler once per request ("Type" or "Type:wrong-password") and returns the responses it PUT.</summary>
        public async Task<IReadOnlyList<JsonElement>> RunHandlerAsync(IReadOnlyList<string> requests, string password)
        {
            var handler = Path.Combine(_dir, "handler.js");
            await File.WriteAllTextAsync(handler, TfeDatabaseUserCode.Source);
            var driver = Path.Combine(_dir, "driver.js");
            await File.WriteAllTextAsync(driver, $$"""
                'use strict';
                const http = require('http');
                // The handler logs to stdout (CloudWatch Logs in Lambda); stdout here carries only the responses.
                console.log = (...args) => process.stderr.write(args.join(' ') + '\n');
                const handler = require('./handler.js');
                const requests = {{JsonSerializer.Serialize(requests)}};
                const responses = [];
                let wrong = false;
                handler.readSecret = async arn => {
                  if (arn !== 'arn:aws:secretsmanager:us-east-1:111111111111:secret:tfe-db') throw new Error('unexpected secret ' + arn);
                  return { username: '{{Master}}', password: wrong ? 'not-the-password' : {{JsonSerializer.Serialize(password)}} };
                };
                const server = http.createServer((req, res) => {
                  let body = '';
                  req.on('data', d => body += d);
                  req.on('end', () => { responses.push(JSON.parse(body)); res.end(); });
                }).listen(0, '127.0.0.1', async () => {
                  for (const request of requests) {
                    const [type, variant] = request.split(':');
                    wrong = variant === 'wrong-password';
                    await handler.handler({
                      RequestType: type, ResponseURL: 'http://127.0.0.1:' + server.address().port + '/response',
                      StackId: 'stack', RequestId: request, LogicalResourceId: 'DatabaseUser',
                      PhysicalResourceId: type === 'Create' ? undefined : 'tfe-db-user-{{IamUser}}',
                      ResourceProperties: { SecretArn: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:tfe-db', Host: 'localhost',
                        Port: '{{_port}}', Database: '{{Database}}', User: '{{IamUser}}' },
                    });
                  }
                  server.close();
                  process.stdout.write(JSON.stringify(responses));
                });
                """);
            var node = PostgresRequirement.Which("node", Environment.GetEnvironmentVariable("PATH"))
                ?? throw new InvalidOperationException($"node is required here: {PostgresRequirement.InstallCommand}");
            // As in Lambda (NODE_EXTRA_CA_CERTS names the RDS CA bundle there): the server's certificate is verified.
            var output = Run(node, [driver], environment: new Dictionary<string, string> { ["NODE_EXTRA_CA_CERTS"] = CertFile });
            return JsonSerializer.Deserialize<JsonElement>(output).EnumerateArray().ToList();
        }

        public void Dispose()
        {
            try
            {
                if (File.Exists(Path.Combine(Data, "postmaster.pid")))
                {
                    Run(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "stop"], asPostgres: true);
                }
            }
            finally
            {
                Directory.Delete(_dir, recursive: true);
            }
        }

        private void WriteCertificate()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllText(CertFile, certificate.ExportCertificatePem());
            var keyFile = Path.Combine(_dir, "server.key");
            File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        private string Run(string program, IReadOnlyList<string> args, bool asPostgres = false, IReadOnlyDictionary<string, string>? environment = null)
        {
            var start = new ProcessStartInfo(asPostgres && _asPostgres ? "runuser" : program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = _dir,
            };
            if (asPostgres && _asPostgres)
            {
                foreach (var arg in new[] { "-u", "postgres", "--", program })
                {
                    start.ArgumentList.Add(arg);
                }
            }

            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} did not finish within 60 s");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}{stdout.Result}");
            }

            return stdout.Result;
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}

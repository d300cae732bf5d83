#!/usr/bin/env node
// Applies cdk-nag rule packs to templates that a C# CDK app has already synthesized.
//
//   node tools/nag-check.mjs cdk.out/StandaloneApp [cdk.out/Other ...]
//   node tools/nag-check.mjs --packs=AwsSolutions,HIPAA.Security cdk.out/*   (a subset of the packs)
//   node tools/nag-check.mjs --list-suppressions cdk.out/*      (Markdown table for the docs, no checks)
//
// Packs: AwsSolutions, NIST.800.53.R5, HIPAA.Security and PCI.DSS.321, all four unless --packs names some (the
// short names AwsSolutions, NIST80053R5, HIPAASecurity and PCIDSS321 are accepted too).
//
// For each cloud assembly (a folder with manifest.json), every stack template is loaded with
// cloudformation_include.CfnInclude into its own Stack of a fresh App, each pack (verbose) is added as an aspect, the
// App is synthesized, and the annotations of that stack are read back. Per stack and per pack it prints the findings
// (all that the pack raised), how many of those are suppressed, and how many are not; a total per pack at the end. Suppressions are the cdk-nag v2
// metadata that the library writes (Metadata.cdk_nag.rules_to_suppress on a resource, or on the template for a
// stack-wide one): CfnInclude keeps resource metadata in cfnOptions.metadata, which is what cdk-nag reads; the
// template-level entry is copied into the stack's templateOptions.metadata, where cdk-nag looks for stack-wide ones.
//
// Exit code: 0 when no stack has an unsuppressed error or warning, 1 when one has, 2 on a usage or load problem.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Aspects, DefaultStackSynthesizer, Stack } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';

/** The packs by the name cdk-nag gives them (the prefix of their rule ids), in report order. */
const PACKS = {
  AwsSolutions: AwsSolutionsChecks,
  'NIST.800.53.R5': NIST80053R5Checks,
  'HIPAA.Security': HIPAASecurityChecks,
  'PCI.DSS.321': PCIDSS321Checks,
};
const usage = 'usage: nag-check.mjs [--packs=NAME[,NAME...]] [--list-suppressions] CDK_OUT_DIR...\n'
  + `  packs: ${Object.keys(PACKS).join(', ')} (default: all)`;

const args = process.argv.slice(2);
const listOnly = args.includes('--list-suppressions');
// --packs=A,B or --packs A,B
const packsAt = args.findIndex((a) => a === '--packs' || a.startsWith('--packs='));
const packsArg = packsAt < 0 ? undefined : args[packsAt].includes('=') ? args[packsAt].slice('--packs='.length) : args[packsAt + 1];
const dirs = args.filter((a, i) => !a.startsWith('--') && !(packsAt >= 0 && !args[packsAt].includes('=') && i === packsAt + 1));
if (dirs.length === 0 || args.includes('--help') || (packsAt >= 0 && !packsArg)) {
  console.error(usage);
  process.exit(2);
}
const packNames = [];
for (const requested of packsArg ? packsArg.split(',').map((p) => p.trim()).filter(Boolean) : Object.keys(PACKS)) {
  const name = Object.keys(PACKS).find((p) => p === requested || p.replace(/\./g, '').toLowerCase() === requested.replace(/[.\-_]/g, '').toLowerCase());
  if (!name) {
    console.error(`nag-check: unknown pack ${requested}\n${usage}`);
    process.exit(2);
  }
  if (!packNames.includes(name)) packNames.push(name);
}

/**
 * The pack a rule id belongs to: the part before the first dash (NIST.800.53.R5-IAMNoInlinePolicy), also for a rule
 * that could not be evaluated (CdkNagValidationFailure[NIST.800.53.R5-EC2RestrictedSSH]).
 */
const packOf = (ruleId) => ruleId.replace(/^CdkNagValidationFailure\[/, '').split('-')[0];

/** Every stack template of a cloud assembly, following nested assemblies (stages). */
function stacksOf(dir) {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new Error(`${dir}: no manifest.json (not a cdk.out folder)`);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const stacks = [];
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack') {
      // The manifest maps construct paths to logical ids; keep the reverse to show findings by the app's own path.
      const paths = {};
      for (const [cdkPath, entries] of Object.entries(artifact.metadata ?? {})) {
        for (const e of entries) if (e.type === 'aws:cdk:logicalId') paths[e.data] = cdkPath;
      }
      stacks.push({ id, dir, templateFile: path.join(dir, artifact.properties.templateFile), environment: artifact.environment, paths });
    } else if (artifact.type === 'cdk:cloud-assembly') {
      stacks.push(...stacksOf(path.join(dir, artifact.properties.directoryName)));
    }
  }
  return stacks;
}

/** The suppressions written in a template: resource metadata and template (stack-wide) metadata. */
function suppressionsOf(template, paths) {
  const found = [];
  const add = (resource, cdkPath, entries) => {
    for (const rule of entries ?? []) {
      found.push({ resource, cdkPath, id: rule.id, reason: rule.reason, appliesTo: rule.applies_to });
    }
  };
  add('(stack)', '', template.Metadata?.cdk_nag?.rules_to_suppress);
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    add(logicalId, paths[logicalId] ?? resource.Metadata?.['aws:cdk:path'] ?? '', resource.Metadata?.cdk_nag?.rules_to_suppress);
  }
  return found;
}

/** An AWS environment from a manifest's aws://account/region, when both are concrete. */
function envOf(environment) {
  const m = /^aws:\/\/([0-9]{12})\/([a-z0-9-]+)$/.exec(environment ?? '');
  return m ? { account: m[1], region: m[2] } : undefined;
}

/** Loads one template, applies the pack, and returns its findings. */
function check(stackInfo, template) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'nag-check-'));
  try {
    // builtinCloudFormationValidation: aws-cdk-lib's own template validation duplicates cfn-lint, a separate step.
    const app = new App({ outdir, analyticsReporting: false, builtinCloudFormationValidation: false });
    const stack = new Stack(app, stackInfo.id, {
      env: envOf(stackInfo.environment),
      // The included template already carries the app's BootstrapVersion parameter and rule.
      synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
    });
    // Stack-wide suppressions live in the template's Metadata section, and cdk-nag reads them from
    // templateOptions.metadata. CfnInclude would render that section too (a synth-time clash), so include a copy
    // without it and move it to templateOptions.
    let templateFile = stackInfo.templateFile;
    if (template.Metadata?.cdk_nag) {
      const { cdk_nag: stackWide, ...otherMetadata } = template.Metadata;
      stack.templateOptions.metadata = { cdk_nag: stackWide };
      templateFile = path.join(outdir, '..', `${path.basename(outdir)}.template.json`);
      writeFileSync(templateFile, JSON.stringify({ ...template, Metadata: otherMetadata }));
    }
    const included = new CfnInclude(stack, 'Template', { templateFile });
    // Resource metadata: CfnInclude sets cfnOptions.metadata, which CfnResource.getMetadata (cdk-nag's reader) uses.
    // Make sure of it rather than rely on it, so a change in CfnInclude cannot silently drop suppressions.
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      const cfn = included.getResource(logicalId);
      if (resource.Metadata && cfn.cfnOptions.metadata === undefined) {
        cfn.cfnOptions.metadata = resource.Metadata;
      }
    }

    const suppressed = [];
    const ruleErrors = [];
    for (const name of packNames) {
      Aspects.of(app).add(new PACKS[name]({
        verbose: true,
        reports: false,
        additionalLoggers: [{
          onCompliance() {},
          onNotApplicable() {},
          onNonCompliance() {},
          onError(d) { ruleErrors.push({ pack: d.nagPackName, ruleId: d.ruleId, resource: d.resource.logicalId, message: d.errorMessage }); },
          onSuppressed(d) { suppressed.push({ pack: d.nagPackName, ruleId: d.ruleId, findingId: d.findingId, resource: stack.resolve(d.resource.logicalId) }); },
          onSuppressedError(d) { suppressed.push({ pack: d.nagPackName, ruleId: `${d.ruleId} (rule error)`, resource: stack.resolve(d.resource.logicalId) }); },
        }],
      }));
    }
    const assembly = app.synth();
    const messages = assembly.getStackArtifact(stack.artifactId).messages;
    const findings = messages
      .filter((m) => m.level === 'error' || m.level === 'warning')
      .map((m) => {
        const text = String(m.entry.data);
        const ruleId = /^\[?([A-Za-z0-9.-]+(?:\[[^\]]*\])?)\]?/.exec(text)?.[1] ?? '?';
        // Paths look like /Stack/Template/LogicalId: show the logical id and the app's own path when known.
        const logicalId = m.id.split('/').pop();
        const cdkPath = stackInfo.paths[logicalId] ?? template.Resources?.[logicalId]?.Metadata?.['aws:cdk:path'];
        // Verbose messages are "<rule info> <explanation>"; the first sentence is the finding itself.
        const message = text.split('\n')[0].replace(`${ruleId}: `, '').replace(/^(.*?\.)\s.*$/, '$1');
        return { level: m.level, pack: packOf(ruleId), ruleId, logicalId, cdkPath, message };
      });
    return { findings, suppressed, ruleErrors };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
    rmSync(`${outdir}.template.json`, { force: true });
  }
}

let failed = false;
const listRows = [];
const totals = Object.fromEntries(packNames.map((name) => [name, { findings: 0, suppressed: 0, unsuppressed: 0 }]));
for (const dir of dirs) {
  let stacks;
  try {
    stacks = stacksOf(dir);
  } catch (e) {
    console.error(`nag-check: ${e.message}`);
    process.exit(2);
  }
  if (stacks.length === 0) {
    console.error(`nag-check: ${dir}: the manifest lists no stack`);
    process.exit(2);
  }
  for (const s of stacks) {
    const template = JSON.parse(readFileSync(s.templateFile, 'utf8'));
    const declared = suppressionsOf(template, s.paths);
    if (listOnly) {
      for (const d of declared) listRows.push({ stack: s.id, ...d });
      continue;
    }
    let result;
    try {
      result = check(s, template);
    } catch (e) {
      console.error(`nag-check: ${s.templateFile}: could not load or check the template: ${e.message}`);
      process.exit(2);
    }
    const { findings, suppressed, ruleErrors } = result;
    const errors = findings.filter((f) => f.level === 'error');
    const warnings = findings.filter((f) => f.level === 'warning');
    const perPack = packNames.map((name) => {
      const open = findings.filter((f) => f.pack === name).length;
      const quiet = suppressed.filter((u) => u.pack === name).length;
      totals[name].findings += open + quiet;
      totals[name].suppressed += quiet;
      totals[name].unsuppressed += open;
      return `${name} ${open + quiet}/${quiet}/${open}`;
    });
    console.log(`== ${path.relative(process.cwd(), s.templateFile)} (stack ${s.id}): `
      + `${errors.length} error(s), ${warnings.length} warning(s), ${suppressed.length} suppressed`);
    console.log(`  findings/suppressed/unsuppressed: ${perPack.join(', ')}`);
    for (const f of findings) {
      console.log(`  ${f.level.toUpperCase()} ${f.ruleId} ${f.logicalId}${f.cdkPath ? ` (${f.cdkPath})` : ''}: ${f.message}`);
    }
    for (const r of ruleErrors) {
      console.log(`  RULE-ERROR ${r.ruleId} ${r.resource}: ${r.message}`);
    }
    if (declared.length > 0) {
      console.log(`  suppressions in the template (${declared.length}):`);
      for (const d of declared) {
        const checked = packNames.includes(packOf(d.id));
        const used = suppressed.some((u) => (u.ruleId === d.id || u.ruleId === `${d.id} (rule error)`) && (d.resource === '(stack)' || u.resource === d.resource));
        console.log(`    ${d.id} on ${d.resource}${d.cdkPath ? ` (${d.cdkPath})` : ''}${d.appliesTo ? ` applies_to=${JSON.stringify(d.appliesTo)}` : ''}: ${d.reason}${used || !checked ? '' : '  [matched no finding]'}`);
      }
    }
    if (errors.length + warnings.length > 0) failed = true;
  }
}

if (listOnly) {
  const cell = (v) => String(v ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
  console.log('| Stack | Resource | Rule | Applies to | Reason |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of listRows) {
    console.log(`| ${cell(r.stack)} | ${cell(r.cdkPath || r.resource)} | ${cell(r.id)} | ${cell((r.appliesTo ?? []).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(', '))} | ${cell(r.reason)} |`);
  }
  process.exit(0);
}
console.log('nag-check: per pack, findings / suppressed / unsuppressed:');
for (const name of packNames) {
  const t = totals[name];
  console.log(`  ${name}: ${t.findings} finding(s), ${t.suppressed} suppressed, ${t.unsuppressed} unsuppressed`);
}
console.log(failed ? 'nag-check: FAILED (unsuppressed findings above)' : 'nag-check: OK');
process.exit(failed ? 1 : 0);

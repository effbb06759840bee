// The pull request comment of the plan workflow (.github/workflows/plan.yml, docs/ci.md): the
// per-stack plan summary collected from the matrix jobs' artifacts, the pull-budget report and the
// diff against the base branch, kept in one comment that is updated on every push. Run by
// actions/github-script: `require('./.github/scripts/plan-comment.js').post({ github, context, core })`.
// Text from files and variables is made inert before it reaches Markdown (inert, fence, reportTags);
// __tests__/workflows/ checks those on hostile input.
'use strict';
const fs = require('fs');
const path = require('path');

const MARKER = '<!-- pullguard-plan -->';
const LIMIT = 65536;          // GitHub: "Body is too long (maximum is 65536 characters)"
const BUDGET = LIMIT - 2000;  // headroom for wrappers and notes added below
// Terminal control sequences (cdktf's spinner) are noise in a comment.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');
const read = (p) => { try { return fs.readFileSync(p, 'utf8').replace(ANSI, ''); } catch { return null; } };
const chars = (s) => Array.from(s).length; // count code points, not UTF-16 units
const cut = (s, n) => Array.from(s).slice(0, Math.max(0, n)).join('');
const tail = (s, n) => { const a = Array.from(s); return a.slice(Math.max(0, a.length - n)).join(''); };
const fence = (s) => {
  const longest = Math.max(2, ...(s.match(/`+/g) || []).map((m) => m.length));
  const f = '`'.repeat(longest + 1);
  return `${f}text\n${s.replace(/\n$/, '')}\n${f}`;
};
const clip = (s, n, where) => {
  if (chars(s) <= n) return s;
  const note = `\n… truncated (${chars(s) - n} more characters, full text in the ${where})`;
  return cut(s, n - chars(note)) + note;
};
// One line of text from a file or a variable, inert in a table cell or a <summary>:
// no HTML, no code span, no line break, no table pipe (the report's own values are
// escaped by core/markdown.ts; these come from the run).
const inert = (s) => String(s)
  .replace(/\r\n|[\n\r\u2028\u2029]/g, ' ')
  .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/[\\`*_[\]|~$]/g, (c) => `\\${c}`);
// pull-budget.md is rendered, not fenced (tables, charts). core/markdown.ts makes its
// config text inert; in depth, any tag but the three the report writes is shown as
// text, and a cut falls between lines and closes a fence it leaves open.
const reportTags = (s) => s.replace(/<(?!(?:br|code|\/code)>)/g, '&lt;');
const clipLines = (s, n, where) => {
  if (chars(s) <= n) return s;
  const note = `\n\n… truncated (full report in the ${where})`;
  let kept = cut(s, n - chars(note) - 4);
  kept = kept.slice(0, Math.max(0, kept.lastIndexOf('\n')));
  const fences = kept.split('\n').filter((l) => /^```/.test(l)).length;
  return kept + (fences % 2 === 1 ? '\n```' : '') + note;
};

/** Stack names in deploy order: pull-budget.json's waves, then any other planned stack, sorted. */
function applyOrder(budgetJson, plansDir) {
  let waves;
  try { waves = JSON.parse(budgetJson || '{}').deployOrder || []; } catch { waves = []; }
  const ordered = waves.flat().filter((s) => typeof s === 'string');
  let planned;
  try { planned = fs.readdirSync(plansDir).filter((f) => f.endsWith('.status')).map((f) => f.slice(0, -'.status'.length)); } catch { planned = []; }
  return [...ordered.filter((s) => planned.includes(s)), ...planned.filter((s) => !ordered.includes(s)).sort()];
}

/** The comment's Markdown from what the workflow's jobs left in `out` ($PG_OUT) and cdktf.out. */
function buildComment(context, env, out, cdktfOut = 'cdktf.out') {
  const plansDir = path.join(out, 'plans');
  const runUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;
  const sha = context.payload.pull_request.head.sha.slice(0, 7);

  let head = `${MARKER}\n## pullguard plan\n\nCommit \`${sha}\` · [workflow run](${runUrl})\n\n`;

  if (env.SYNTH_OUTCOME !== 'success') {
    const log = read(path.join(out, 'synth.log')) || '(no output)';
    head += `### :x: \`npm run synth\` failed\n\nSynth refuses configs that fail validation or whose rollouts would exceed the pull budget. Last lines:\n\n${fence(tail(log, 6000))}\n\n`;
  }

  // Per-stack summary table, in the deploy order pull-budget.json gives (wave by wave).
  const order = applyOrder(read(path.join(cdktfOut, 'pull-budget.json')), plansDir);
  const icon = { changes: ':large_orange_diamond:', nochanges: ':white_check_mark:', error: ':x:', skipped: ':heavy_minus_sign:' };
  const stacks = order.map((name) => {
    const status = (read(path.join(plansDir, `${name}.status`)) || 'error').trim();
    const summary = (read(path.join(plansDir, `${name}.summary`)) || '').trim();
    const note = (read(path.join(plansDir, `${name}.note`)) || '').trim();
    const text = status === 'error'
      ? tail(read(path.join(plansDir, `${name}.log`)) || '(no output)', 20000)
      : (read(path.join(plansDir, `${name}.txt`)) || '');
    return { name, status, summary, note, text };
  });
  let table = '';
  if (stacks.length) {
    table += '### Plan\n\nPlanned with `-lock=false`, one job per stack; listed in deploy order (apply.yml applies wave by wave).\n\n| Stack | Result |\n|---|---|\n';
    for (const s of stacks) {
      const note = s.note ? ` _(${inert(s.note)})_` : '';
      table += `| <code>${inert(s.name)}</code> | ${icon[s.status] || ''} ${inert(s.summary)}${note} |\n`;
    }
    table += '\n';
  } else if (env.PLAN_SKIP_REASON) {
    table += `### Plan\n\nSkipped: ${inert(env.PLAN_SKIP_REASON)}.\n\n`;
  }

  let used = chars(head) + chars(table);

  // What this pull request changes in the pull budget (npm run diff --budget-markdown): rendered
  // like the report (its service names are escaped by core/markdown.ts), at most 20% of what is left.
  let budgetChange = '';
  const budgetDiffMd = read(path.join(out, 'budget-diff.md'));
  if (budgetDiffMd && budgetDiffMd.trim()) {
    const room = Math.floor((BUDGET - used) * 0.2);
    budgetChange = `### Pull budget against <code>${inert(context.payload.pull_request.base.ref)}</code>\n\n${clipLines(reportTags(budgetDiffMd.trim()), room, 'workflow run log (npm run diff)')}\n\n`;
    used += chars(budgetChange);
  }

  // Pull-budget report: at most 40% of what is left.
  let budget = '';
  const budgetMd = read(path.join(cdktfOut, 'pull-budget.md'));
  if (budgetMd) {
    const room = Math.floor((BUDGET - used) * 0.4);
    budget = `### Pull budget\n\n${clipLines(reportTags(budgetMd.trim()), room, 'cdktf.out/pull-budget.md of a local synth')}\n\n`;
    used += chars(budget);
  }

  // Diff: at most half of what is left, folded.
  let diff = '';
  const diffTxt = read(path.join(out, 'diff.txt'));
  if (diffTxt !== null) {
    const ok = env.DIFF_OUTCOME === 'success';
    const room = Math.floor((BUDGET - used) * 0.5) - 200;
    const body = clip(diffTxt.trim() || '(no differences)', room, 'workflow run log');
    diff = `### Diff against <code>${inert(context.payload.pull_request.base.ref)}</code>${ok ? '' : ' :x: (npm run diff failed)'}\n\n<details><summary>Synthesized resources added / changed / removed</summary>\n\n${fence(body)}\n\n</details>\n\n`;
    used += chars(diff);
  }

  // Plan details: share the rest; short plans give their unused share to long ones.
  const details = new Map();
  const withText = stacks.filter((s) => s.text);
  const wrapper = (s) => `<details><summary><code>${inert(s.name)}</code>: ${inert(s.summary)}</summary>\n\n\n\n</details>\n`;
  let left = BUDGET - used - withText.reduce((n, s) => n + chars(wrapper(s)) + 20, 0);
  const bySize = [...withText].sort((a, b) => chars(a.text) - chars(b.text));
  bySize.forEach((s, i) => {
    const share = Math.max(0, Math.floor(left / (bySize.length - i)));
    const body = clip(s.text, share, 'pullguard-plan-<stack> artifact of this run');
    details.set(s.name, body);
    left -= chars(body);
  });
  let planDetails = '';
  for (const s of withText) {
    const body = details.get(s.name);
    planDetails += `<details><summary><code>${inert(s.name)}</code>: ${inert(s.summary)}</summary>\n\n${fence(body)}\n\n</details>\n`;
  }

  let comment = head + table + planDetails + (planDetails ? '\n' : '') + budgetChange + budget + diff;
  if (chars(comment) > LIMIT) comment = cut(comment, LIMIT - 100) + '\n\n… comment truncated';
  return comment;
}

/** Writes comment.md and the job summary, then creates or updates the one marked comment. */
async function post({ github, context, core }) {
  const out = process.env.PG_OUT;
  const comment = buildComment(context, process.env, out);
  fs.writeFileSync(path.join(out, 'comment.md'), comment);
  await core.summary.addRaw(comment.replace(MARKER, '')).write();

  if (process.env.FORK === 'true') {
    core.info('Pull request from a fork: the token is read-only, so the report is in the job summary only.');
    return;
  }
  const { owner, repo } = context.repo;
  const issue_number = context.payload.pull_request.number;
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const mine = comments.find((c) => c.user && c.user.type === 'Bot' && (c.body || '').includes(MARKER));
  if (mine) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body: comment });
  } else {
    await github.rest.issues.createComment({ owner, repo, issue_number, body: comment });
  }
}

module.exports = { inert, fence, clip, clipLines, reportTags, applyOrder, buildComment, post };

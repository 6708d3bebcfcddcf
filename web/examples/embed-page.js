// The sample documentation page's own script: it listens for the inspectors'
// certinspect:report events (they bubble out of the shadow roots).
document.addEventListener("certinspect:report", (event) => {
  const { report } = event.detail;
  const out = document.getElementById("last-verdict");
  out.textContent = `${event.target.id}: ${report.verdict.status} (${report.lang})`;
  out.dataset.events = String(Number(out.dataset.events || 0) + 1);
});

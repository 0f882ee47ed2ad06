// node out/test/bench/activation/activationOnly.js [rounds]: only the activation figure of
// npm run bench (after npm run build and compile-tests), for working on start-up without the rest.
import { median } from '../stats';
import { measureActivation } from './measureActivation';

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 7);
  const samples = await measureActivation({ warmupRounds: 1, rounds });
  const loading = (figures: number[]) => (figures.length > 0 ? `, loading the code ${median(figures).toFixed(1)} ms` : '');
  console.log(`activate() in VS Code ${samples.vscodeVersion}, median of ${rounds} windows each:`);
  console.log(`  with the code cache: ${median(samples.activateMs).toFixed(1)} ms${loading(samples.codeLoadingMs)} (${samples.activateMs.map((ms) => ms.toFixed(1)).join(', ')})`);
  console.log(`  first start, no cache: ${median(samples.firstStartMs).toFixed(1)} ms${loading(samples.firstStartCodeLoadingMs)} (${samples.firstStartMs.map((ms) => ms.toFixed(1)).join(', ')})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

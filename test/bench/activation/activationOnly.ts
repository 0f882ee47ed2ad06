// node out/test/bench/activation/activationOnly.js [rounds]: only the activation figure of
// npm run bench (after npm run build and compile-tests), for working on start-up without the rest.
import { median } from '../stats';
import { measureActivation } from './measureActivation';

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 7);
  const samples = await measureActivation({ warmupRounds: 1, rounds });
  const codeLoading = samples.codeLoadingMs.length > 0 ? `, loading the bundle ${median(samples.codeLoadingMs).toFixed(1)} ms` : '';
  console.log(`activate() in VS Code ${samples.vscodeVersion}: median ${median(samples.activateMs).toFixed(1)} ms of ${rounds} windows${codeLoading}`);
  console.log(`samples: ${samples.activateMs.map((ms) => ms.toFixed(1)).join(', ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// YAML lint for the deployment files (docker-compose.yml, k8s/), run by scripts/validate-deploy.sh:
// eslint-plugin-yml's standard rules (syntax, duplicate keys, indentation, spacing, quotes).
import yml from 'eslint-plugin-yml';

export default [
  ...yml.configs['flat/standard'],
  // Layout is Prettier's (npm run lint checks it); these rules would contradict it.
  ...yml.configs['flat/prettier'],
  {
    rules: {
      // Long shell and mongosh one-liners read better unfolded.
      'yml/plain-scalar': 'off',
      'yml/no-empty-mapping-value': 'error',
    },
  },
];

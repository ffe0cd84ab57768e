/** `import "dotsecrets/config"`: placeholder until the runtime lands (issue: local provider and run). */
export {};

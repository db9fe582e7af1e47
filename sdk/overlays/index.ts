// Public surface of the system UI layer (CA prompts, OSD, fingerprint, mail, IPPV, PIN dialogs).
export {};
